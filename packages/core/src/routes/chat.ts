import type { RouteRequest } from '../http/router.js';
import { notifyMentionedMembers } from './chat-fanout.js';
import type { CallContext } from './context.js';

/**
 * `POST /chat`, Stream's webhook: verify (401) → dedupe on X-Webhook-Id → only `message.new`
 * notifies (edits, deletions and reactions never re-text anyone) → text the mentioned members.
 * With `waitUntil` the texts go out after the answer (Stream gives up after 6 s); without it,
 * before, because a frozen Lambda would never send them.
 */
export async function chatRoute(route: RouteRequest, context: CallContext): Promise<Response> {
  const { chat, store, dedupeTtlSeconds, logger } = context.config;
  const webhook = await chat.parseWebhook(route.rawBody, route.request.headers);
  const key = `chat:${webhook.webhookId}`;
  if (!(await store.claimKey(key, dedupeTtlSeconds))) return Response.json({ status: 'duplicate' });
  const message = webhook.message;
  if (webhook.type !== 'message.new' || !message) return Response.json({ status: 'ignored' });

  const work = notifyMentionedMembers(message, context);
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
