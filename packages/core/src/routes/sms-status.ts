import type { RouteRequest } from '../http/router.js';
import { type CallContext, publicUrlFor } from './context.js';

/** How far along each status is: callbacks may arrive out of order, and a record never goes back. */
const PROGRESS: Record<string, number> = {
  accepted: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
};

/** `POST /sms/status`, Twilio's status callback: verify (403), record the delivery state, 204. */
export async function smsStatusRoute(route: RouteRequest, context: CallContext): Promise<Response> {
  const { sms, store } = context.config;
  const update = await sms.parseStatus({
    publicUrl: publicUrlFor(route.request, route.calledPath, context.config),
    rawBody: route.rawBody,
    headers: route.request.headers,
  });
  const existing = await store.getDelivery(update.messageId);
  if (existing && (PROGRESS[existing.status] ?? 0) <= (PROGRESS[update.status] ?? 0)) {
    const record = { ...existing, status: update.status, updatedAt: new Date() };
    if (update.errorCode !== undefined) record.errorCode = update.errorCode;
    await store.saveDelivery(record);
  }
  return new Response(null, { status: 204 });
}
