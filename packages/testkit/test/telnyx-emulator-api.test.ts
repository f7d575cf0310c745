import { afterEach, describe, expect, it } from 'vitest';
import { startTelnyxEmulator, type TelnyxEmulator } from '../src/telnyx/index.js';
import { startReceiver, type WebhookReceiver } from './support/receiver.js';
import { eventOf, type SendAnswer, sendText } from './support/telnyx.js';

const apiKey = 'KEY0123_telnyx_test';
const bearer = `Bearer ${apiKey}`;
const bridgeNumber = '+15005550010';
const otherNumber = '+15005550011';
const phone = '+15551230001';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The code, HTTP status and title of a failed send. */
function failure(answer: SendAnswer) {
  const [error] = answer.json.errors;
  return { status: answer.status, code: error.code, title: error.title };
}

describe('Telnyx emulator Messages API', () => {
  let emulator: TelnyxEmulator | undefined;
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await emulator?.close();
    await receiver?.close();
    emulator = undefined;
    receiver = undefined;
  });

  const start = async (webhookUrl?: string) => {
    emulator = await startTelnyxEmulator({
      apiKey,
      phoneNumbers: [bridgeNumber, otherNumber],
      ...(webhookUrl && { webhookUrl }),
    });
    return emulator;
  };

  it('answers a send with the queued message record, stores it, and moves it to delivered', async () => {
    const tx = await start();
    const text = 'a'.repeat(200);
    const answer = await sendText(
      tx,
      { from: bridgeNumber, to: phone, text, messaging_profile_id: 'profile-1' },
      bearer,
    );
    expect(answer.status).toBe(200);
    const { data } = answer.json;
    expect(data).toMatchObject({
      record_type: 'message',
      direction: 'outbound',
      type: 'SMS',
      messaging_profile_id: 'profile-1',
      from: { phone_number: bridgeNumber },
      to: [{ phone_number: phone, status: 'queued' }],
      text,
      parts: 2,
      webhook_url: null,
      errors: [],
    });
    expect(data.id).toMatch(UUID);
    expect(new Date(data.received_at).toISOString()).toBe(data.received_at);
    expect(tx.messages).toEqual([
      {
        id: data.id,
        direction: 'outbound',
        from: bridgeNumber,
        to: phone,
        text,
        status: 'queued',
        errors: [],
        createdAt: expect.any(Date),
      },
    ]);

    await tx.webhooksIdle();
    expect(tx.messages[0]?.status).toBe('delivered');
    const fetched = await fetch(`${tx.url}/v2/messages/${data.id}`, {
      headers: { authorization: bearer },
    });
    expect(fetched.status).toBe(200);
    const record = (await fetched.json()).data;
    expect(record.to).toEqual([{ phone_number: phone, status: 'delivered' }]);
    expect(record.completed_at).toEqual(expect.any(String));
  });

  it('counts parts as SMS segments: 160 GSM-7 characters are one, 71 UCS-2 characters two', async () => {
    const tx = await start();
    const parts = async (text: string) =>
      (await sendText(tx, { from: bridgeNumber, to: phone, text }, bearer)).json.data.parts;
    expect(await parts('b'.repeat(160))).toBe(1);
    expect(await parts('ж'.repeat(71))).toBe(2);
  });

  it('refuses a missing or wrong API key with 401 code 10009', async () => {
    const tx = await start();
    const body = { from: bridgeNumber, to: phone, text: 'hi' };
    for (const authorization of [undefined, 'Bearer wrong', apiKey, `Basic ${apiKey}`]) {
      expect(failure(await sendText(tx, body, authorization))).toEqual({
        status: 401,
        code: '10009',
        title: 'Authentication failed',
      });
    }
    expect(tx.messages).toEqual([]);
  });

  it("validates like Telnyx: 40310 a 'to' that is not E.164, 40305 a 'from' it does not own", async () => {
    const tx = await start();
    const send = async (body: unknown) => failure(await sendText(tx, body, bearer));
    for (const to of ['5551230001', '+0551230001', 'phone', '+1555123000123456']) {
      expect(await send({ from: bridgeNumber, to, text: 'hi' })).toEqual({
        status: 422,
        code: '40310',
        title: "Invalid 'to' address",
      });
    }
    expect(await send({ from: '+15005550099', to: phone, text: 'hi' })).toEqual({
      status: 422,
      code: '40305',
      title: "Invalid 'from' address",
    });
    for (const body of [
      { from: bridgeNumber, text: 'hi' },
      { to: phone, text: 'hi' },
      { from: bridgeNumber, to: phone },
      { from: bridgeNumber, to: phone, text: '' },
    ]) {
      expect(await send(body)).toMatchObject({ status: 422, code: '10004' });
    }
    expect(await send('{not json')).toMatchObject({ status: 400, code: '10015' });
    expect(await send([])).toMatchObject({ status: 400, code: '10015' });
    const unknown = await fetch(`${tx.url}/v2/calls`, { headers: { authorization: bearer } });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).errors[0].code).toBe('10005');
    expect(tx.messages).toEqual([]);
  });

  it('blocks sends with 40300 after the phone texts STOP to that number, until START', async () => {
    receiver = await startReceiver();
    const tx = await start(receiver.url);
    const send = (from: string) => sendText(tx, { from, to: phone, text: 'news' }, bearer);

    expect(await tx.sendSms({ from: phone, to: bridgeNumber, text: ' Stop ' })).toEqual({
      status: 200,
    });
    // The STOP itself still reaches the webhook.
    expect(eventOf(receiver.requests[0]).data.payload.text).toBe(' Stop ');
    expect(failure(await send(bridgeNumber))).toEqual({
      status: 422,
      code: '40300',
      title: 'Blocked due to STOP message',
    });
    // Only the number it was texted to is blocked.
    expect((await send(otherNumber)).status).toBe(200);
    // Keywords are the whole text: a sentence containing STOP is a text like any other.
    await tx.sendSms({ from: phone, to: bridgeNumber, text: 'please start again' });
    expect((await send(bridgeNumber)).status).toBe(422);

    await tx.sendSms({ from: phone, to: bridgeNumber, text: 'start' });
    expect((await send(bridgeNumber)).status).toBe(200);
    expect(tx.inbound.map((message) => message.text)).toEqual([
      ' Stop ',
      'please start again',
      'start',
    ]);
  });

  it('treats STOPALL, UNSUBSCRIBE, CANCEL, END and QUIT as STOP, and UNSTOP and YES as START', async () => {
    receiver = await startReceiver();
    const tx = await start(receiver.url);
    const send = () => sendText(tx, { from: bridgeNumber, to: phone, text: 'hi' }, bearer);
    for (const stop of ['STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit']) {
      for (const start of ['UNSTOP', 'yes']) {
        await tx.sendSms({ from: phone, to: bridgeNumber, text: stop });
        expect((await send()).status, stop).toBe(422);
        await tx.sendSms({ from: phone, to: bridgeNumber, text: start });
        expect((await send()).status, start).toBe(200);
      }
    }
  });

  it('fails the next sends as told (429 10011, 500, 503), in order, then sends succeed', async () => {
    const tx = await start();
    tx.failNext({ code: '10011', status: 429 });
    tx.failNext({ code: '10007', status: 500 });
    tx.failNext({ code: '10007', status: 503 });
    const send = () => sendText(tx, { from: bridgeNumber, to: phone, text: 'hi' }, bearer);
    expect(failure(await send())).toEqual({
      status: 429,
      code: '10011',
      title: 'Too many requests',
    });
    expect(failure(await send())).toEqual({
      status: 500,
      code: '10007',
      title: 'Unexpected error',
    });
    expect(failure(await send())).toMatchObject({ status: 503, code: '10007' });
    expect((await send()).status).toBe(200);
    expect(tx.messages).toHaveLength(1);
  });

  it('an invalid send does not use up an injected failure', async () => {
    const tx = await start();
    tx.failNext({ code: '10011', status: 429 });
    expect((await sendText(tx, { from: bridgeNumber, to: 'x', text: 'hi' }, bearer)).status).toBe(
      422,
    );
    expect((await sendText(tx, { from: bridgeNumber, to: phone, text: 'hi' }, bearer)).status).toBe(
      429,
    );
  });

  it('a failure rule fails every send to its number until removed', async () => {
    const tx = await start();
    const remove = tx.addFailureRule({ to: phone, code: '10011', status: 429 });
    const send = (to: string) => sendText(tx, { from: bridgeNumber, to, text: 'hi' }, bearer);
    expect((await send(phone)).status).toBe(429);
    expect((await send(phone)).status).toBe(429);
    expect((await send('+15551230002')).status).toBe(200);
    remove();
    remove();
    expect((await send(phone)).status).toBe(200);
  });

  it('a failure with a 2xx status is accepted, then finalized as delivery_failed with its code', async () => {
    receiver = await startReceiver();
    const tx = await start();
    tx.addFailureRule({ to: phone, code: '40008', status: 200 });
    const answer = await sendText(
      tx,
      { from: bridgeNumber, to: phone, text: 'hi', webhook_url: receiver.url },
      bearer,
    );
    expect(answer.status).toBe(200);
    expect(answer.json.data.errors).toEqual([]);
    await tx.webhooksIdle();
    const events = receiver.requests.map(eventOf);
    expect(events.map((event) => event.data.event_type)).toEqual([
      'message.sent',
      'message.finalized',
    ]);
    expect(events[1].data.payload).toMatchObject({
      id: answer.json.data.id,
      to: [{ phone_number: phone, status: 'delivery_failed' }],
      errors: [{ code: '40008', title: 'Undeliverable' }],
    });
    expect(tx.messages[0]).toMatchObject({
      status: 'delivery_failed',
      errors: [{ code: '40008', title: 'Undeliverable' }],
    });
  });

  it('close() twice is safe, and the API stops answering', async () => {
    const tx = await start();
    await tx.close();
    await tx.close();
    await expect(fetch(`${tx.url}/v2/messages`)).rejects.toThrow();
  });
});
