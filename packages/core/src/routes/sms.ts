import type { RouteRequest } from '../http/router.js';
import { type CallContext, publicUrlFor } from './context.js';
import { handleInboundSms } from './sms-inbound.js';

/**
 * `POST /sms`, Twilio's inbound webhook: verify (403) → dedupe on MessageSid → decide and act →
 * answer TwiML. The chat post happens before the answer (Twilio allows 15 s). When acting fails
 * the dedupe key is released, so Twilio's retry can do the work instead of being dropped.
 */
export async function smsRoute(route: RouteRequest, context: CallContext): Promise<Response> {
  const { sms, store, dedupeTtlSeconds } = context.config;
  const inbound = await sms.parseInbound({
    publicUrl: publicUrlFor(route.request, route.calledPath, context.config),
    rawBody: route.rawBody,
    headers: route.request.headers,
  });
  const key = `sms:${inbound.messageId}`;
  if (!(await store.claimKey(key, dedupeTtlSeconds))) return sms.replyResponse([]);
  try {
    return sms.replyResponse(await handleInboundSms(inbound, context));
  } catch (error) {
    await store.releaseKey(key).catch(() => {});
    throw error;
  }
}
