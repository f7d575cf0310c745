import type { RouteRequest } from '../http/router.js';
import type { InboundSms } from '../interfaces.js';
import { type CallContext, publicUrlFor } from './context.js';
import { sendText } from './send-text.js';
import { handleInboundSms } from './sms-inbound.js';

/**
 * The answer to an inbound webhook with `replies`: in the answer itself when the provider reads
 * replies there (Twilio's TwiML); otherwise each reply is texted to the sender and the webhook
 * gets a bare 200. A reply that cannot be texted is logged, not retried through the provider's
 * webhook retry: that would redo the inbound text too.
 */
async function answer(inbound: InboundSms | undefined, replies: string[], context: CallContext) {
  const { sms, logger } = context.config;
  if (sms.replyResponse) return sms.replyResponse(replies);
  for (const reply of inbound ? replies : []) {
    await sendText(context, { to: inbound?.from ?? '', body: reply }).catch((error: unknown) =>
      logger.warn('[smsbridge] A reply could not be texted.', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  }
  return Response.json({ status: 'ok' });
}

/**
 * `POST /sms`, the SMS provider's inbound webhook: verify (403) → dedupe on the provider's
 * message id → decide and act → answer (replies in the answer, or texted). The chat post happens
 * before the answer (Twilio allows 15 s). When acting fails the dedupe key is released, so the
 * provider's retry can do the work instead of being dropped.
 */
export async function smsRoute(route: RouteRequest, context: CallContext): Promise<Response> {
  const { sms, store, dedupeTtlSeconds } = context.config;
  const inbound = await sms.parseInbound({
    publicUrl: publicUrlFor(route.request, route.calledPath, context.config),
    rawBody: route.rawBody,
    headers: route.request.headers,
  });
  const key = `sms:${inbound.messageId}`;
  if (!(await store.claimKey(key, dedupeTtlSeconds))) return answer(undefined, [], context);
  let replies: string[];
  try {
    replies = await handleInboundSms(inbound, context);
  } catch (error) {
    await store.releaseKey(key).catch(() => {});
    throw error;
  }
  return answer(inbound, replies, context);
}
