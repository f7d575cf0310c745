import { signTwilioRequest, startTwilioEmulator, type TwilioEmulator } from '@smsbridge/testkit';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeError, SmsSendError } from '../src/errors.js';
import { createTwilioSmsTransport } from '../src/twilio/index.js';
import { type Capture, startCapture } from './support/capture.js';

const accountSid = `AC${'f'.repeat(32)}`;
const authToken = 'transport-token';
const bridgeNumber = '+15005550006';
const phone = '+14155552671';

function webhookRequest(capture: Capture, index = 0, publicUrl?: string) {
  const request = capture.requests[index];
  if (!request) throw new Error(`no request #${index}`);
  return {
    publicUrl: publicUrl ?? capture.url + request.path,
    rawBody: request.rawBody,
    headers: request.headers,
  };
}

describe('createTwilioSmsTransport', () => {
  let emulator: TwilioEmulator;
  let capture: Capture;

  beforeAll(async () => {
    capture = await startCapture('<Response/>');
    emulator = await startTwilioEmulator({
      accountSid,
      authToken,
      phoneNumbers: [bridgeNumber],
      smsWebhookUrl: `${capture.url}/bridge/sms?tenant=1`,
      statusCallbacks: { delayMs: 5 },
    });
  });
  afterAll(async () => {
    await emulator.close();
    await capture.close();
  });

  const transport = () =>
    createTwilioSmsTransport({
      accountSid,
      authToken,
      from: bridgeNumber,
      apiBaseUrl: emulator.url,
    });

  it('names the bad option', () => {
    expect(() =>
      createTwilioSmsTransport({ accountSid: 'XX1', authToken, from: bridgeNumber }),
    ).toThrow(/\[smsbridge\] \[core\/twilio\] Invalid option "accountSid": must start with "AC"/);
    expect(() => createTwilioSmsTransport({ accountSid, authToken })).toThrow(
      /"from".*"messagingServiceSid"/,
    );
  });

  it('sends through the real SDK to apiBaseUrl, with a status callback', async () => {
    const { messageId } = await transport().send({
      to: phone,
      body: 'Chat from @Alice:\n\nhi',
      statusCallbackUrl: `${capture.url}/bridge/sms/status`,
    });
    expect(messageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(emulator.messages.at(-1)).toMatchObject({
      sid: messageId,
      to: phone,
      from: bridgeNumber,
      body: 'Chat from @Alice:\n\nhi',
      statusCallback: `${capture.url}/bridge/sms/status`,
    });
  });

  it('sends through a Messaging Service when one is configured', async () => {
    const viaService = createTwilioSmsTransport({
      accountSid,
      authToken,
      messagingServiceSid: `MG${'1'.repeat(32)}`,
      apiBaseUrl: emulator.url,
    });
    const { messageId } = await viaService.send({ to: phone, body: 'via service' });
    expect(emulator.messages.find((m) => m.sid === messageId)?.messagingServiceSid).toBe(
      `MG${'1'.repeat(32)}`,
    );
  });

  it("rejects with the provider's code: 21610 after STOP, injected 20429, unreachable API", async () => {
    await emulator.sendSms({ from: '+14155552672', to: bridgeNumber, body: 'STOP' });
    const unsubscribed = await transport()
      .send({ to: '+14155552672', body: 'x' })
      .catch((error: unknown) => error);
    expect(unsubscribed).toBeInstanceOf(SmsSendError);
    expect(unsubscribed).toMatchObject({
      providerCode: 21610,
      status: 400,
      permanent: true,
      optedOut: true,
      retryable: false,
    });

    emulator.failNext({ code: 20429 });
    await expect(transport().send({ to: phone, body: 'x' })).rejects.toMatchObject({
      providerCode: 20429,
      status: 429,
      permanent: false,
      optedOut: false,
      retryable: true,
    });
    emulator.failNext({ code: 503 });
    await expect(transport().send({ to: phone, body: 'x' })).rejects.toMatchObject({
      status: 503,
      retryable: true,
    });

    const closed = await startTwilioEmulator({ accountSid, authToken });
    await closed.close();
    const unreachable = createTwilioSmsTransport({
      accountSid,
      authToken,
      from: bridgeNumber,
      apiBaseUrl: closed.url,
    });
    const failure = await unreachable
      .send({ to: phone, body: 'x' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SmsSendError);
    // Refused connections never reached Twilio: safe to send again.
    expect(failure).toMatchObject({ providerCode: undefined, retryable: true, permanent: false });
  });

  it('gives up after timeoutMs, as neither permanent nor retryable (the text may have gone)', async () => {
    const slow = await startTwilioEmulator({
      accountSid,
      authToken,
      phoneNumbers: [bridgeNumber],
      latencyMs: 2_000,
    });
    const impatient = createTwilioSmsTransport({
      accountSid,
      authToken,
      from: bridgeNumber,
      apiBaseUrl: slow.url,
      timeoutMs: 200,
    });
    await impatient.send({ to: phone, body: 'warm up the SDK' }).catch(() => {});
    const started = performance.now();
    const failure = await impatient.send({ to: phone, body: 'x' }).catch((error: unknown) => error);
    const waited = performance.now() - started;
    await slow.close();
    expect(failure).toBeInstanceOf(SmsSendError);
    expect(failure).toMatchObject({ retryable: false, permanent: false });
    expect(waited).toBeLessThan(1_500);
  });

  it('parses a signed inbound text, media included', async () => {
    capture.requests.length = 0;
    await emulator.sendSms({
      from: phone,
      to: bridgeNumber,
      body: 'hello @Bob',
      mediaUrls: ['https://example.com/a.png'],
    });
    const inbound = await transport().parseInbound(webhookRequest(capture));
    expect(inbound).toEqual({
      messageId: expect.stringMatching(/^MM[0-9a-f]{32}$/),
      from: phone,
      to: bridgeNumber,
      body: 'hello @Bob',
      mediaUrls: ['https://example.com/a.png'],
    });
  });

  it('refuses forged, unsigned and re-addressed requests with 403, agreeing with validateRequest', async () => {
    capture.requests.length = 0;
    await emulator.sendSms({ from: phone, to: bridgeNumber, body: 'genuine' });
    const genuine = webhookRequest(capture);
    const variants = {
      genuine,
      forgedBody: {
        ...genuine,
        rawBody: Buffer.from(String(genuine.rawBody).replace('genuine', 'forged')),
      },
      unsigned: {
        ...genuine,
        headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      },
      otherUrl: { ...genuine, publicUrl: `${capture.url}/bridge/sms` },
      defaultPortAdded: { ...genuine, publicUrl: genuine.publicUrl.replace(/:\d+\//, ':80/') },
    };
    for (const [name, request] of Object.entries(variants)) {
      const fields = Object.fromEntries(new URLSearchParams(String(request.rawBody)));
      const sdkSays = twilio.validateRequest(
        authToken,
        request.headers.get('x-twilio-signature') ?? '',
        request.publicUrl,
        fields,
      );
      const ours = await transport()
        .parseInbound(request)
        .then(
          () => true,
          (error: unknown) => {
            expect(error).toBeInstanceOf(BridgeError);
            expect(error).toMatchObject({ code: 'forbidden_signature', status: 403 });
            return false;
          },
        );
      expect({ name, ours }).toEqual({ name, ours: sdkSays });
    }
    expect(await transport().parseInbound(genuine)).toMatchObject({ body: 'genuine' });
  });

  it('refuses a correctly signed request with missing or repeated fields with 400', async () => {
    const publicUrl = 'https://example.com/bridge/sms';
    const signed = (params: Record<string, string | string[]>) => {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(params))
        for (const item of [value].flat()) form.append(key, item);
      return {
        publicUrl,
        rawBody: Buffer.from(form.toString()),
        headers: new Headers({
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signTwilioRequest(authToken, publicUrl, params),
        }),
      };
    };
    await expect(
      transport().parseInbound(signed({ From: phone, To: bridgeNumber, Body: 'x' })),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      status: 400,
      message: expect.stringContaining('MessageSid'),
    });
    await expect(
      transport().parseInbound(
        signed({ MessageSid: 'SM1', From: [phone, '+14155552673'], To: bridgeNumber }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringContaining('From') });
  });

  it('parses signed status callbacks, with the error code of a failed text', async () => {
    capture.requests.length = 0;
    emulator.addFailureRule({ to: '+14155552679', code: 30003 });
    await transport().send({
      to: '+14155552679',
      body: 'x',
      statusCallbackUrl: `${capture.url}/bridge/sms/status`,
    });
    await emulator.statusCallbacksIdle();
    const updates = await Promise.all(
      capture.requests.map((_, i) => transport().parseStatus(webhookRequest(capture, i))),
    );
    // In the bridge's words, with Twilio's own kept for logs.
    expect(updates.map((u) => [u.status, u.providerStatus, u.errorCode])).toEqual([
      ['sent', 'sent', undefined],
      ['failed', 'undelivered', 30003],
    ]);
  });

  it('answers inbound texts with escaped TwiML, or an empty <Response/>', async () => {
    const reply = transport().replyResponse;
    if (!reply) throw new Error('Twilio carries replies in TwiML: replyResponse must be there');
    const empty = reply([]);
    expect(empty.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(await empty.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const two = await reply(['Reply HELP & <more>', 'Bye']).text();
    expect(two).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Reply HELP &amp; &lt;more&gt;</Message><Message>Bye</Message></Response>',
    );
  });
});
