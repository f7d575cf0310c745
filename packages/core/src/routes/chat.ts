import type { RouteRequest } from '../http/router.js';
import type { ChatMessage } from '../interfaces.js';
import { answerWithBot } from './bot-answer.js';
import { notifyMentionedMembers } from './chat-fanout.js';
import type { CallContext } from './context.js';

/**
 * Texting and the bot's answer are separate units of work, each guarded by its own claim in the
 * store (`text:<message>:<member>`, `bot:<bot>:<message>`). A failure of one is retried by
 * Stream's next attempt without repeating the other, and a replay of the same message under a
 * new X-Webhook-Id (Stream signs the body only) finds every unit done.
 */
async function actOnNewMessage(message: ChatMessage, context: CallContext): Promise<number> {
  const [texts, bot] = await Promise.allSettled([
    notifyMentionedMembers(message, context),
    answerWithBot(message, context),
  ]);
  if (texts.status === 'rejected') throw texts.reason;
  if (bot.status === 'rejected') throw bot.reason;
  return texts.value;
}

/** A message older than the dedupe window is a replay: the claims that would stop it are gone. */
function isStale(message: ChatMessage, { config }: CallContext): boolean {
  return (
    message.createdAt !== undefined &&
    Date.now() - message.createdAt.getTime() > config.dedupeTtlSeconds * 1000
  );
}

/**
 * `POST /chat`, Stream's webhook: verify (401) → only `message.new` notifies (edits, deletions
 * and reactions never re-text anyone), in the bridge's own channel, and not a replay older than
 * the dedupe window → text the mentioned members and let the bot answer, each once.
 * With `waitUntil` the work goes on after the answer (Stream gives up after 6 s); without it,
 * before, because a frozen Lambda would never finish it. When a unit fails the answer is 503, so
 * Stream retries, and the retry does only what is left.
 */
export async function chatRoute(route: RouteRequest, context: CallContext): Promise<Response> {
  const { chat, channel, logger } = context.config;
  const webhook = await chat.parseWebhook(route.rawBody, route.request.headers);
  const message = webhook.message;
  // Stream's webhook is app-wide: events of other channels are none of this bridge's business.
  const ours = message?.channel.type === channel.type && message.channel.id === channel.id;
  if (webhook.type !== 'message.new' || !message || !ours || isStale(message, context))
    return Response.json({ status: 'ignored' });

  const work = actOnNewMessage(message, context);
  if (context.waitUntil) {
    context.waitUntil(
      work.catch((error: unknown) =>
        logger.error('[smsbridge] Acting on a chat message failed after answering.', {
          error: error instanceof Error ? error.message : String(error),
        }),
      ),
    );
    return Response.json({ status: 'accepted' });
  }
  return Response.json({ status: 'ok', texted: await work });
}
