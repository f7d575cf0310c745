import { describe, expect, it } from 'vitest';
import type { SmsTransport } from '../src/interfaces.js';
import { startBridgeHarness } from './support/bridge-harness.js';

const slow =
  (delayMs: number) =>
  (sms: SmsTransport): SmsTransport => ({
    ...sms,
    async send(message) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return sms.send(message);
    },
  });

describe('a slow Twilio', () => {
  it('texts each mention once even when Stream times out and retries the webhook', async () => {
    const h = await startBridgeHarness({}, { wrapSms: slow(400), streamWebhookTimeoutMs: 150 });
    const ids = [
      await h.addMember('Ann', '+14155551001'),
      await h.addMember('Ben', '+14155551002'),
    ];
    await h.streamServer
      .channel('messaging', 'chatty-kathy')
      .sendMessage({ text: 'slow news @Ann @Ben', user_id: 'alice', mentioned_users: ids });
    await h.stream.webhooksIdle();
    // Stream gave up on the first delivery and retried it with the same webhook id.
    const attempts = h.stream.webhookAttempts
      .filter((a) => a.eventType === 'message.new')
      .slice(-3);
    expect(attempts.map((a) => a.error ?? a.status)).toContain('timeout');
    expect(new Set(attempts.map((a) => a.webhookId)).size).toBe(1);
    // The first delivery still finishes its sends; the retries find the id claimed.
    await expect
      .poll(() => h.textsTo('+14155551001').length + h.textsTo('+14155551002').length)
      .toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a duplicate to show up
    expect(h.textsTo('+14155551001')).toEqual(['Chat from @Alice Anders:\n\nslow news @Ann @Ben']);
    expect(h.textsTo('+14155551002')).toHaveLength(1);
    await h.close();
  });

  it('with waitUntil, answers Stream at once and texts afterwards', async () => {
    const pending: Promise<unknown>[] = [];
    const h = await startBridgeHarness({}, { wrapSms: slow(400), streamWebhookTimeoutMs: 150 });
    const fetchWithWaitUntil = h.bridge.fetch.bind(h.bridge);
    h.bridge.fetch = (request, context) =>
      fetchWithWaitUntil(request, { ...context, waitUntil: (work) => pending.push(work) });
    const id = await h.addMember('Cal', '+14155551003');
    await h.streamServer
      .channel('messaging', 'chatty-kathy')
      .sendMessage({ text: 'no rush @Cal', user_id: 'alice', mentioned_users: [id] });
    await h.stream.webhooksIdle();
    const attempts = h.stream.webhookAttempts.filter((a) => a.eventType === 'message.new');
    expect(attempts.map((a) => a.status)).toEqual([200]);
    await Promise.all(pending);
    expect(h.textsTo('+14155551003')).toEqual(['Chat from @Alice Anders:\n\nno rush @Cal']);
    await h.close();
  });
});
