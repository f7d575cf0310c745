import type { RouteRequest } from '../http/router.js';
import type { DeliveryStatus } from '../interfaces.js';
import { type CallContext, publicUrlFor } from './context.js';

/** How far along each status is: callbacks may arrive out of order, and a record never goes back. */
const PROGRESS: Record<DeliveryStatus, number> = { queued: 1, sent: 2, delivered: 3, failed: 3 };

/**
 * `POST /sms/status`, the SMS provider's delivery callback: verify (403), record the delivery
 * state in the bridge's words (the transport maps its provider's), 204.
 */
export async function smsStatusRoute(route: RouteRequest, context: CallContext): Promise<Response> {
  const { sms, store } = context.config;
  const update = await sms.parseStatus({
    publicUrl: publicUrlFor(route.request, route.calledPath, context.config),
    rawBody: route.rawBody,
    headers: route.request.headers,
  });
  const existing = await store.getDelivery(update.messageId);
  const progress = (status: string) => PROGRESS[status as DeliveryStatus] ?? 0;
  if (existing && progress(existing.status) <= progress(update.status)) {
    const record = { ...existing, status: update.status, updatedAt: new Date() };
    if (update.errorCode !== undefined) record.errorCode = update.errorCode;
    await store.saveDelivery(record);
  }
  return new Response(null, { status: 204 });
}
