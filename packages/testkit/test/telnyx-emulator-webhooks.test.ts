import { afterEach, describe, expect, it } from 'vitest';
import {
  startTelnyxEmulator,
  type TelnyxEmulator,
  type TelnyxEmulatorOptions,
} from '../src/telnyx/index.js';
import { type ReceiverAnswer, startReceiver, type WebhookReceiver } from './support/receiver.js';
import { eventOf, sendText, signatureOf, verifyTelnyxSignature } from './support/telnyx.js';

const apiKey = 'KEY_webhooks_test';
const bearer = `Bearer ${apiKey}`;
const bridgeNumber = '+15005550020';
const phone = '+15551230020';

describe('Telnyx emulator webhooks', () => {
  const cleanup: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const item of cleanup.splice(0)) await item.close();
  });

  const emulatorWith = async (options: Partial<TelnyxEmulatorOptions> = {}) => {
    const emulator = await startTelnyxEmulator({
      apiKey,
      phoneNumbers: [bridgeNumber],
      ...options,
    });
    cleanup.push(emulator);
    return emulator;
  };
  const receiverWith = async (respond?: (index: number) => ReceiverAnswer) => {
    let index = 0;
    const receiver = await startReceiver(() => respond?.(index++) ?? { status: 200 });
    cleanup.push(receiver);
    return receiver;
  };
  /** Whether a received request's signature checks out against `emulator`'s public key. */
  const verified = (emulator: TelnyxEmulator, receiver: WebhookReceiver, index: number) => {
    const request = receiver.requests[index];
    return verifyTelnyxSignature(
      emulator.publicKey,
      signatureOf(request?.headers),
      String(request?.rawBody),
    );
  };

  it("sends message.sent then message.finalized, signed, to the send's webhook_url only", async () => {
    const inbound = await receiverWith();
    const status = await receiverWith();
    const tx = await emulatorWith({ webhookUrl: inbound.url });
    const webhookUrl = `${status.url}/telnyx/status?tenant=1`;
    const sent = await sendText(
      tx,
      { from: bridgeNumber, to: phone, text: 'hello', webhook_url: webhookUrl },
      bearer,
    );
    // A send without webhook_url has no status webhooks anywhere.
    await sendText(tx, { from: bridgeNumber, to: phone, text: 'quiet' }, bearer);
    await tx.webhooksIdle();

    expect(inbound.requests).toEqual([]);
    expect(status.requests.map((request) => request.path)).toEqual([
      '/telnyx/status?tenant=1',
      '/telnyx/status?tenant=1',
    ]);
    const [first, second] = status.requests.map(eventOf);
    expect(first.data).toMatchObject({
      record_type: 'event',
      event_type: 'message.sent',
      payload: {
        id: sent.json.data.id,
        record_type: 'message',
        direction: 'outbound',
        type: 'SMS',
        from: { phone_number: bridgeNumber },
        to: [{ phone_number: phone, status: 'sent' }],
        text: 'hello',
        media: [],
        errors: [],
        webhook_url: webhookUrl,
      },
    });
    expect(second.data).toMatchObject({
      event_type: 'message.finalized',
      payload: { id: sent.json.data.id, to: [{ phone_number: phone, status: 'delivered' }] },
    });
    expect(first.data.id).not.toBe(second.data.id);
    expect(first.meta).toEqual({ attempt: 1, delivered_to: webhookUrl });
    expect(status.requests[0]?.headers['content-type']).toBe('application/json');
    expect(await verified(tx, status, 0)).toBe(true);
    expect(await verified(tx, status, 1)).toBe(true);
  });

  it('signs message.received so that Web Crypto verifies "timestamp|body" with publicKey', async () => {
    const receiver = await receiverWith();
    const tx = await emulatorWith({ webhookUrl: receiver.url });
    const other = await emulatorWith();
    const before = Math.floor(Date.now() / 1000);
    expect(await tx.sendSms({ from: phone, to: bridgeNumber, text: 'hi there' })).toEqual({
      status: 200,
    });

    const request = receiver.requests[0];
    const body = String(request?.rawBody);
    const signed = signatureOf(request?.headers);
    expect(Buffer.from(tx.publicKey, 'base64')).toHaveLength(32);
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
    expect(Number(signed.timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(signed.timestamp)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(await verifyTelnyxSignature(tx.publicKey, signed, body)).toBe(true);
    // A changed body, timestamp or key fails.
    expect(await verifyTelnyxSignature(tx.publicKey, signed, body.replace('hi', 'ho'))).toBe(false);
    const later = { ...signed, timestamp: String(Number(signed.timestamp) + 1) };
    expect(await verifyTelnyxSignature(tx.publicKey, later, body)).toBe(false);
    expect(other.publicKey).not.toBe(tx.publicKey);
    expect(await verifyTelnyxSignature(other.publicKey, signed, body)).toBe(false);

    const event = JSON.parse(body);
    expect(event).toEqual({
      data: {
        record_type: 'event',
        id: expect.any(String),
        event_type: 'message.received',
        occurred_at: expect.any(String),
        payload: expect.objectContaining({
          id: tx.inbound[0]?.id,
          record_type: 'message',
          direction: 'inbound',
          type: 'SMS',
          from: { phone_number: phone },
          to: [{ phone_number: bridgeNumber, status: 'webhook_delivered' }],
          text: 'hi there',
          parts: 1,
          media: [],
          errors: [],
        }),
      },
      meta: { attempt: 1, delivered_to: receiver.url },
    });
    expect(tx.inbound).toEqual([
      {
        id: expect.any(String),
        direction: 'inbound',
        from: phone,
        to: bridgeNumber,
        text: 'hi there',
        status: 'webhook_delivered',
        errors: [],
        createdAt: expect.any(Date),
      },
    ]);
  });

  it('signWebhook gives the headers the emulator sends for the same body and timestamp', async () => {
    const receiver = await receiverWith();
    const tx = await emulatorWith({ webhookUrl: receiver.url });
    await tx.sendSms({ from: phone, to: bridgeNumber, text: 'replay me' });
    const request = receiver.requests[0];
    const { signature, timestamp } = signatureOf(request?.headers);
    expect(await tx.signWebhook(String(request?.rawBody), Number(timestamp))).toEqual({
      'telnyx-signature-ed25519': signature,
      'telnyx-timestamp': timestamp,
    });
    // By default the timestamp is now, and what it signs verifies.
    const body = '{"data":{"event_type":"message.received"}}';
    const now = Math.floor(Date.now() / 1000);
    const headers = await tx.signWebhook(body);
    expect(Math.abs(Number(headers['telnyx-timestamp']) - now)).toBeLessThanOrEqual(1);
    expect(await verifyTelnyxSignature(tx.publicKey, signatureOf(headers), body)).toBe(true);
  });

  it('retries a non-2xx answer, re-signed, with the same event id and the attempt counted', async () => {
    const receiver = await receiverWith((index) => ({ status: index === 0 ? 500 : 204 }));
    const tx = await emulatorWith({ webhookUrl: receiver.url });
    expect(await tx.sendSms({ from: phone, to: bridgeNumber, text: 'again' })).toEqual({
      status: 500,
    });
    await tx.webhooksIdle();
    const events = receiver.requests.map(eventOf);
    expect(events.map((event) => event.meta.attempt)).toEqual([1, 2]);
    expect(events[1].data.id).toBe(events[0].data.id);
    expect(events[1].data.payload).toEqual(events[0].data.payload);
    expect(await verified(tx, receiver, 0)).toBe(true);
    expect(await verified(tx, receiver, 1)).toBe(true);
  });

  it('gives up after 3 attempts, and retries status webhooks before the next one', async () => {
    const receiver = await receiverWith((index) => ({ status: index < 3 ? 503 : 200 }));
    const tx = await emulatorWith({ webhookRetries: { delayMs: 10 } });
    await sendText(
      tx,
      { from: bridgeNumber, to: phone, text: 'hi', webhook_url: receiver.url },
      bearer,
    );
    await tx.webhooksIdle();
    const events = receiver.requests.map(eventOf);
    expect(events.map((event) => [event.data.event_type, event.meta.attempt])).toEqual([
      ['message.sent', 1],
      ['message.sent', 2],
      ['message.sent', 3],
      ['message.finalized', 1],
    ]);
  });

  it('counts an answer later than the timeout as failed (status 0) and retries it', async () => {
    const receiver = await receiverWith((index) => ({
      status: 200,
      delayMs: index === 0 ? 600 : 0,
    }));
    const tx = await emulatorWith({
      webhookUrl: receiver.url,
      webhookRetries: { timeoutMs: 200, delayMs: 10 },
    });
    expect(await tx.sendSms({ from: phone, to: bridgeNumber, text: 'slow' })).toEqual({
      status: 0,
    });
    await tx.webhooksIdle();
    expect(receiver.requests.map((request) => eventOf(request).meta.attempt)).toEqual([1, 2]);
  });

  it('ignores the body of the answer: no reply is sent from it', async () => {
    const receiver = await receiverWith(() => ({
      status: 200,
      contentType: 'text/xml',
      body: '<Response><Message>Thanks!</Message></Response>',
    }));
    const tx = await emulatorWith({ webhookUrl: receiver.url });
    expect(await tx.sendSms({ from: phone, to: bridgeNumber, text: 'hi' })).toEqual({
      status: 200,
    });
    await tx.webhooksIdle();
    expect(tx.messages).toEqual([]);
    expect(receiver.requests).toHaveLength(1);
  });

  it('sendSms refuses a number the account does not own, or a missing webhook URL', async () => {
    const receiver = await receiverWith();
    const tx = await emulatorWith();
    await expect(tx.sendSms({ from: phone, to: bridgeNumber, text: 'hi' })).rejects.toThrow(
      /no webhook URL/,
    );
    tx.setWebhookUrl(receiver.url);
    await expect(tx.sendSms({ from: phone, to: '+15005550099', text: 'hi' })).rejects.toThrow(
      /not one of the Telnyx emulator's phoneNumbers/,
    );
    expect((await tx.sendSms({ from: phone, to: bridgeNumber, text: 'hi' })).status).toBe(200);
    tx.setWebhookUrl(undefined);
    await expect(tx.sendSms({ from: phone, to: bridgeNumber, text: 'hi' })).rejects.toThrow();
    expect(receiver.requests).toHaveLength(1);
  });
});
