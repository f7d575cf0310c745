import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_AUTO_REPLIES,
  signTwilioRequest,
  startTwilioEmulator,
  type TwilioEmulator,
  type TwilioMessageChange,
} from '../src/twilio/index.js';
import { type ReceivedRequest, startReceiver, type WebhookReceiver } from './support/receiver.js';

const accountSid = `AC${'7'.repeat(32)}`;
const authToken = 'carrier-test-token';
const bridgeNumber = '+15005550006';
const serviceSid = `MG${'8'.repeat(32)}`;

function formOf(request: ReceivedRequest | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(String(request?.rawBody ?? '')));
}

type CreateParams = Parameters<twilio.Twilio['messages']['create']>[0];

/** What a send meets: the new message's status, or the RestException's code. */
async function attempt(client: twilio.Twilio, params: CreateParams): Promise<string | number> {
  try {
    return (await client.messages.create(params)).status;
  } catch (error) {
    expect(error).toBeInstanceOf(twilio.RestException);
    return (error as InstanceType<typeof twilio.RestException>).code ?? -1;
  }
}

const emptyTwiml = () => ({ status: 200, contentType: 'text/xml', body: '<Response/>' });

describe('Twilio emulator carrier behaviour', () => {
  let emulator: TwilioEmulator | undefined;
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await emulator?.close();
    await receiver?.close();
  });

  it('blocks sends after STOP (21610) with the default auto-reply, until START', async () => {
    receiver = await startReceiver(emptyTwiml);
    emulator = await startTwilioEmulator({ accountSid, authToken, smsWebhookUrl: receiver.url });
    const client = twilio(accountSid, authToken, { httpClient: emulator.httpClient });
    const phone = '+15551239999';

    const stop = await emulator.sendSms({ from: phone, to: bridgeNumber, body: '  stop ' });
    expect(stop.status).toBe(200);
    // Twilio still forwards the STOP itself; OptOutType only comes with Advanced Opt-Out.
    expect(receiver.requests).toHaveLength(1);
    expect(formOf(receiver.requests[0]).Body).toBe('  stop ');
    expect(formOf(receiver.requests[0])).not.toHaveProperty('OptOutType');
    expect(emulator.messages.at(-1)).toMatchObject({
      to: phone,
      from: bridgeNumber,
      source: 'auto-reply',
      direction: 'outbound-reply',
      body: DEFAULT_AUTO_REPLIES.STOP,
    });
    expect(await attempt(client, { to: phone, from: bridgeNumber, body: 'still there?' })).toBe(
      21610,
    );
    // Opt-outs are per sender: another number of the account may still text this phone.
    expect(await attempt(client, { to: phone, from: '+15005550009', body: 'other' })).toBe(
      'queued',
    );
    await emulator.sendSms({ from: phone, to: bridgeNumber, body: 'Unstop' });
    expect(await attempt(client, { to: phone, from: bridgeNumber, body: 'back' })).toBe('queued');
  });

  it('sets OptOutType only with advancedOptOut', async () => {
    receiver = await startReceiver(emptyTwiml);
    emulator = await startTwilioEmulator({
      accountSid,
      authToken,
      smsWebhookUrl: receiver.url,
      advancedOptOut: true,
    });
    for (const body of ['STOPALL', 'yes', 'info', 'hello']) {
      await emulator.sendSms({ from: '+15551238888', to: bridgeNumber, body });
    }
    expect(receiver.requests.map((r) => formOf(r).OptOutType)).toEqual([
      'STOP',
      'START',
      'HELP',
      undefined,
    ]);
  });

  it('blocks TwiML replies to a phone that opted out, and HELP gets no answer until START', async () => {
    // The "bridge" answers every text, STOP included, as a careless bot would.
    receiver = await startReceiver(() => ({
      status: 200,
      contentType: 'text/xml',
      body: '<Response><Message>Thanks for your message</Message></Response>',
    }));
    emulator = await startTwilioEmulator({ accountSid, authToken, smsWebhookUrl: receiver.url });
    const phone = '+15551231000';
    const autoReplies = () =>
      emulator?.messages.filter((m) => m.source === 'auto-reply').map((m) => m.body);

    const help = await emulator.sendSms({ from: phone, to: bridgeNumber, body: 'help' });
    expect(help.replies).toMatchObject([{ status: 'delivered', errorCode: null }]);
    expect(autoReplies()).toEqual([DEFAULT_AUTO_REPLIES.HELP]);

    const stop = await emulator.sendSms({ from: phone, to: bridgeNumber, body: 'Cancel' });
    expect(receiver.requests).toHaveLength(2);
    expect(stop.replies).toMatchObject([
      { body: 'Thanks for your message', status: 'failed', errorCode: 21610 },
    ]);
    expect(emulator.messages.find((m) => m.sid === stop.replies[0]?.sid)).toMatchObject({
      status: 'failed',
      errorCode: 21610,
      dateSent: null,
    });
    expect(autoReplies()).toEqual([DEFAULT_AUTO_REPLIES.HELP, DEFAULT_AUTO_REPLIES.STOP]);

    await emulator.sendSms({ from: phone, to: bridgeNumber, body: 'INFO' });
    expect(receiver.requests).toHaveLength(3);
    expect(autoReplies()).toHaveLength(2);

    const start = await emulator.sendSms({ from: phone, to: bridgeNumber, body: 'start' });
    expect(start.replies).toMatchObject([{ status: 'delivered', errorCode: null }]);
    expect(autoReplies()?.at(-1)).toBe(DEFAULT_AUTO_REPLIES.START);
    // Only the whole body is a keyword.
    await emulator.sendSms({ from: phone, to: bridgeNumber, body: 'stop it please' });
    expect(autoReplies()).toHaveLength(3);
  });

  it('an opt-out to a number of a Messaging Service covers the whole service', async () => {
    receiver = await startReceiver(emptyTwiml);
    emulator = await startTwilioEmulator({
      accountSid,
      authToken,
      phoneNumbers: [bridgeNumber],
      messagingServiceSid: serviceSid,
      smsWebhookUrl: receiver.url,
    });
    const client = twilio(accountSid, authToken, { httpClient: emulator.httpClient });
    const phone = '+15551231001';
    await emulator.sendSms({ from: phone, to: bridgeNumber, body: 'STOP' });
    expect(formOf(receiver.requests[0]).MessagingServiceSid).toBe(serviceSid);
    expect(await attempt(client, { to: phone, messagingServiceSid: serviceSid, body: 'x' })).toBe(
      21610,
    );
    expect(await attempt(client, { to: phone, from: bridgeNumber, body: 'x' })).toBe(21610);
    await emulator.sendSms({ from: phone, to: bridgeNumber, body: 'YES' });
    expect(await attempt(client, { to: phone, messagingServiceSid: serviceSid, body: 'x' })).toBe(
      'accepted',
    );
  });

  it('reports an injected failure as failed (no sent) with the ErrorCode and its text', async () => {
    receiver = await startReceiver();
    emulator = await startTwilioEmulator({
      accountSid,
      authToken,
      statusCallbacks: { delayMs: 1 },
    });
    const client = twilio(accountSid, authToken, { httpClient: emulator.httpClient });
    emulator.failNext({ code: 30008, outcome: 'failed' });
    const message = await client.messages.create({
      to: '+15551231002',
      from: bridgeNumber,
      body: 'x',
      statusCallback: `${receiver.url}/status`,
    });
    expect(message.status).toBe('queued');
    await emulator.statusCallbacksIdle();
    expect(receiver.requests.map(formOf).map((f) => [f.MessageStatus, f.ErrorCode])).toEqual([
      ['failed', '30008'],
    ]);
    expect(await client.messages(message.sid).fetch()).toMatchObject({
      status: 'failed',
      errorCode: 30008,
      errorMessage: 'Unknown error',
      dateSent: null,
    });
  });

  it('plays the configured status sequence, error codes included, for every send', async () => {
    receiver = await startReceiver();
    emulator = await startTwilioEmulator({
      accountSid,
      authToken,
      statusCallbacks: {
        delayMs: 1,
        sequence: ['sending', 'sent', { status: 'undelivered', errorCode: 30005, delayMs: 2 }],
      },
    });
    const client = twilio(accountSid, authToken, { httpClient: emulator.httpClient });
    const changes: [string, TwilioMessageChange][] = [];
    const unsubscribe = emulator.onMessage((m, change) => changes.push([m.status, change]));
    const statusCallback = `${receiver.url}/status`;
    await client.messages.create({
      to: '+15551231003',
      from: bridgeNumber,
      body: 'x',
      statusCallback,
    });
    await emulator.statusCallbacksIdle();
    unsubscribe();
    const forms = receiver.requests.map(formOf);
    expect(forms.map((f) => [f.MessageStatus, f.ErrorCode])).toEqual([
      ['sending', undefined],
      ['sent', undefined],
      ['undelivered', '30005'],
    ]);
    for (const [index, request] of receiver.requests.entries()) {
      const signature = String(request.headers['x-twilio-signature']);
      expect(twilio.validateRequest(authToken, signature, statusCallback, forms[index] ?? {})).toBe(
        true,
      );
      const forged = { ...forms[index], MessageStatus: 'delivered' };
      expect(twilio.validateRequest(authToken, signature, statusCallback, forged)).toBe(false);
      expect(forms[index]).toMatchObject({
        SmsStatus: forms[index]?.MessageStatus,
        ApiVersion: '2010-04-01',
      });
    }
    expect(changes).toEqual([
      ['queued', 'created'],
      ['sending', 'status'],
      ['sent', 'status'],
      ['undelivered', 'status'],
    ]);
  });

  it('a webhook that refuses connections: no status, no replies, text recorded, alerts 11205', async () => {
    const closed = await startReceiver();
    const url = `${closed.url}/sms`;
    await closed.close();
    emulator = await startTwilioEmulator({ accountSid, authToken, smsWebhookUrl: url });
    expect(await emulator.sendSms({ from: '+15551231004', to: bridgeNumber, body: 'hi' })).toEqual({
      status: undefined,
      replies: [],
    });
    expect(emulator.inbound.map((m) => [m.from, m.body, m.status])).toEqual([
      ['+15551231004', 'hi', 'received'],
    ]);
    // A status callback to the same dead URL lands in the debugger too.
    const client = twilio(accountSid, authToken, { httpClient: emulator.httpClient });
    await client.messages.create({
      to: '+15551231004',
      from: bridgeNumber,
      body: 'x',
      statusCallback: url,
    });
    await emulator.statusCallbacksIdle();
    expect(emulator.alerts.map((a) => [a.code, a.url])).toEqual([
      [11205, url],
      [11205, url],
      [11205, url],
    ]);
  });
});

describe('signTwilioRequest agrees with the SDK', () => {
  const params = {
    Body: 'Ünïcode & spaces + symbols = fine? 😀',
    MediaUrl: [
      'https://example.com/b.png',
      'https://example.com/a.png',
      'https://example.com/a.png',
    ],
    To: bridgeNumber,
  };
  it.each([
    'https://bridge.example.com/sms',
    'https://bridge.example.com:8443/sms?tenant=a&x=%27y%27',
    'http://127.0.0.1:3000/twilio/sms',
  ])('for repeated and duplicate values, unicode, ports and query strings: %s', (url) => {
    const signature = signTwilioRequest(authToken, url, params);
    expect(twilio.validateRequest(authToken, signature, url, params)).toBe(true);
    expect(twilio.getExpectedTwilioSignature(authToken, url, params)).toBe(signature);
    const tampered = { ...params, MediaUrl: ['https://example.com/a.png'] };
    expect(twilio.validateRequest(authToken, signature, url, tampered)).toBe(false);
  });
});
