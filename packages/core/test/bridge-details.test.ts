import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { settleWithConcurrency } from '../src/concurrency.js';
import { BRIDGE_NUMBER, startBridgeHarness } from './support/bridge-harness.js';

describe('settleWithConcurrency', () => {
  it('never has more than the limit in flight, and a failure stops nothing', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await settleWithConcurrency(
      Array.from({ length: 30 }, (_, i) => i),
      8,
      async (i) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight -= 1;
        if (i === 3) throw new Error('one failure');
        return i * 2;
      },
    );
    expect(peak).toBe(8);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(29);
    expect(results[3]).toMatchObject({ status: 'rejected' });
    expect(results[29]).toEqual({ status: 'fulfilled', value: 58 });
  });
});

describe('bridge details', () => {
  it('sends overridden texts (i18n) and fills their placeholders', async () => {
    const h = await startBridgeHarness({
      messages: {
        help: 'Ayuda de {channel}: responde STOP para salir.',
        chatNotification: '{author} dice: {text}',
      },
    });
    const ana = await h.addMember('Ana', '+14155551101');
    const help = await h.twilio.sendSms({ from: '+14155551101', to: BRIDGE_NUMBER, body: 'HELP' });
    expect(help.replies.map((r) => r.body)).toEqual([
      'Ayuda de Chatty Kathy: responde STOP para salir.',
    ]);
    await h.streamServer
      .channel('messaging', 'chatty-kathy')
      .sendMessage({ text: 'hola @Ana', user_id: 'alice', mentioned_users: [ana] });
    await h.stream.webhooksIdle();
    expect(h.textsTo('+14155551101')).toEqual(['Alice Anders dice: hola @Ana']);
    await h.close();
  });

  it('keeps the furthest delivery status when callbacks arrive out of order, answering 204', async () => {
    const h = await startBridgeHarness();
    await h.store.saveDelivery({
      messageSid: 'SM42',
      memberId: 'm',
      status: 'queued',
      updatedAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
    });
    const send = async (status: string) => {
      const params = {
        MessageSid: 'SM42',
        MessageStatus: status,
        To: '+14155551102',
        From: BRIDGE_NUMBER,
      };
      const url = `${h.server.url}/sms/status`;
      const data = Object.keys(params)
        .sort()
        .reduce((acc, key) => acc + key + params[key as keyof typeof params], url);
      return fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': createHmac('sha1', 'bridge-token').update(data).digest('base64'),
        },
        body: new URLSearchParams(params),
      });
    };
    expect((await send('delivered')).status).toBe(204);
    expect((await send('sent')).status).toBe(204);
    expect((await h.store.getDelivery('SM42'))?.status).toBe('delivered');
    await h.close();
  });
});
