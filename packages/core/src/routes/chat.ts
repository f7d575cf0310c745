import type { RouteRequest } from '../http/router.js';
import { answerWithBot } from './bot-answer.js';
import { notifyMentionedMembers } from './chat-fanout.js';
import type { CallContext } from './context.js';

/**
 * `POST /chat`, Stream's webhook: verify (401) → dedupe on X-Webhook-Id → only `message.new`
 * notifies (edits, deletions and reactions never re-text anyone), in the bridge's own channel →
 * text the mentioned members, and let the bot answer.
 * With `waitUntil` the texts go out after the answer (Stream gives up after 6 s); without it,
 * before, because a frozen Lambda would never send them.
 */
export async function chatRoute(route: RouteRequest, context: CallContext): Promise<Response> {
  const { chat, store, dedupeTtlSeconds, logger } = context.config;
  const webhook = await chat.parseWebhook(route.rawBody, route.request.headers);
  const key = `chat:${webhook.webhookId}`;
  if (!(await store.claimKey(key, dedupeTtlSeconds))) return Response.json({ status: 'duplicate' });
  const message = webhook.message;
  const { channel } = context.config;
  // Stream's webhook is app-wide: events of other channels are none of this bridge's business.
  const ours = message?.channel.type === channel.type && message.channel.id === channel.id;
  if (webhook.type !== 'message.new' || !message || !ours)
    return Response.json({ status: 'ignored' });

  const work = Promise.all([
    notifyMentionedMembers(message, context),
    answerWithBot(message, context),
  ]).then(([texted]) => texted);
  if (context.waitUntil) {
    context.waitUntil(
      work.catch((error: unknown) =>
        logger.error('[smsbridge] Mention texts failed after answering.', { error: String(error) }),
      ),
    );
    return Response.json({ status: 'accepted' });
  }
  try {
    const texted = await work;
    return Response.json({ status: 'ok', texted });
  } catch (error) {
    // Nothing was texted if listing recipients failed: let Stream retry.
    await store.releaseKey(key).catch(() => {});
    throw error;
  }
}
