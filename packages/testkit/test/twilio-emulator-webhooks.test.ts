import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import {
  signTwilioRequest,
  startTwilioEmulator,
  type TwilioEmulator,
} from '../src/twilio/index.js';
import {
  type ReceivedRequest,
  type ReceiverAnswer,
  startReceiver,
  type WebhookReceiver,
} from './support/receiver.js';

const accountSid = `AC${'c'.repeat(32)}`;
const authToken = 'webhook-test-token';
const bridgeNumber = '+15005550006';

function formOf(request: ReceivedRequest | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(String(request?.rawBody ?? '')));
}

/** Checks a request the emulator sent with the SDK's own validator, against the URL it called. */
function validBySdk(receiver: WebhookReceiver, request: ReceivedRequest | undefined): boolean {
  const signature = String(request?.headers['x-twilio-signature'] ?? '');
  return twilio.validateRequest(
    authToken,
    signature,
    receiver.url + (request?.path ?? ''),
    formOf(request),
  );
}

const twiml = (xml: string): ReceiverAnswer => ({
  status: 200,
  contentType: 'text/xml',
  body: xml,
});

describe('Twilio webhook signatures', () => {
  it('matches the WIRE.md test vector, in our signer and in the SDK', () => {
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    expect(signTwilioRequest('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(twilio.validateRequest('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, params)).toBe(true);
    expect(
      twilio.validateRequest('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, {
        ...params,
        Digits: '1235',
      }),
    ).toBe(false);
  });
});

describe('Twilio emulator webhooks', () => {
  let emulator: TwilioEmulator | undefined;
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await emulator?.close();
    await receiver?.close();
  });

  it('delivers an inbound SMS with every field, signed, and stores the TwiML replies', async () => {
    receiver = await startReceiver(() =>
      twiml(
        '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Got it &amp; thanks &lt;3</Message>' +
          '<Message><Body>Second</Body><Media>https://example.com/cat.png</Media></Message></Response>',
      ),
    );
    emulator = await startTwilioEmulator({
      accountSid,
      authToken,
      smsWebhookUrl: `${receiver.url}/bridge/sms?tenant=a`,
      messagingServiceSid: `MG${'d'.repeat(32)}`,
    });
    const result = await emulator.sendSms({
      from: '+15551230100',
      to: bridgeNumber,
      body: 'Hi there',
      mediaUrls: ['https://example.com/photo.jpg'],
    });
    const [request] = receiver.requests;
    expect(request?.path).toBe('/bridge/sms?tenant=a');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(validBySdk(receiver, request)).toBe(true);
    const form = formOf(request);
    expect(Object.keys(form).sort()).toEqual(
      [
        'AccountSid',
        'ApiVersion',
        'Body',
        'From',
        'FromCity',
        'FromCountry',
        'FromState',
        'FromZip',
        'MediaContentType0',
        'MediaUrl0',
        'MessageSid',
        'MessagingServiceSid',
        'NumMedia',
        'NumSegments',
        'SmsMessageSid',
        'SmsSid',
        'SmsStatus',
        'To',
        'ToCity',
        'ToCountry',
        'ToState',
        'ToZip',
      ].sort(),
    );
    expect(form).toMatchObject({
      AccountSid: accountSid,
      From: '+15551230100',
      To: bridgeNumber,
      Body: 'Hi there',
      NumMedia: '1',
      NumSegments: '1',
      SmsStatus: 'received',
      ApiVersion: '2010-04-01',
      MediaUrl0: 'https://example.com/photo.jpg',
      MediaContentType0: 'image/jpeg',
    });
    expect(form.MessageSid).toMatch(/^MM[0-9a-f]{32}$/);
    expect(form.SmsSid).toBe(form.MessageSid);
    expect(form.SmsMessageSid).toBe(form.MessageSid);

    expect(result.status).toBe(200);
    expect(result.replies).toEqual([
      expect.objectContaining({
        to: '+15551230100',
        from: bridgeNumber,
        body: 'Got it & thanks <3',
        mediaUrls: [],
      }),
      expect.objectContaining({ body: 'Second', mediaUrls: ['https://example.com/cat.png'] }),
    ]);
    expect(emulator.messages.map((m) => [m.source, m.body])).toEqual([
      ['twiml', 'Got it & thanks <3'],
      ['twiml', 'Second'],
    ]);
    expect(emulator.inbound.map((m) => m.body)).toEqual(['Hi there']);
  });

  it('reads TwiML as XML: numeric references, CDATA, whitespace, to/from attributes', async () => {
    receiver = await startReceiver(() =>
      twiml(
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<Response>',
          '  <Message>Caf&#233; &#x1F600; &apos;007&apos; &quot;true&quot; &amp;#65;</Message>',
          '  <Message><![CDATA[<b>raw</b> & more]]></Message>',
          '  <Message>\n    <Body>two\nlines</Body>\n  </Message>',
          '  <Message to="+15551230999" from="+15005550007">forwarded</Message>',
          '</Response>',
        ].join('\n'),
      ),
    );
    emulator = await startTwilioEmulator({ accountSid, authToken, smsWebhookUrl: receiver.url });
    const { replies } = await emulator.sendSms({
      from: '+15551230110',
      to: bridgeNumber,
      body: 'x',
    });
    expect(replies.map((r) => [r.to, r.from, r.body])).toEqual([
      ['+15551230110', bridgeNumber, 'Café 😀 \'007\' "true" &#65;'],
      ['+15551230110', bridgeNumber, '<b>raw</b> & more'],
      ['+15551230110', bridgeNumber, 'two\nlines'],
      ['+15551230999', '+15005550007', 'forwarded'],
    ]);
    expect(emulator.messages.at(-1)).toMatchObject({
      to: '+15551230999',
      from: '+15005550007',
      direction: 'outbound-reply',
    });
  });

  it('a forged or re-addressed signature fails the SDK validator', async () => {
    receiver = await startReceiver(() => twiml('<Response/>'));
    emulator = await startTwilioEmulator({
      accountSid,
      authToken,
      smsWebhookUrl: `${receiver.url}/sms`,
    });
    const result = await emulator.sendSms({ from: '+15551230101', to: bridgeNumber, body: 'x' });
    expect(result).toEqual({ status: 200, replies: [] });
    const [request] = receiver.requests;
    const signature = String(request?.headers['x-twilio-signature']);
    const params = formOf(request);
    expect(twilio.validateRequest(authToken, signature, `${receiver.url}/sms`, params)).toBe(true);
    expect(twilio.validateRequest(authToken, signature, `${receiver.url}/other`, params)).toBe(
      false,
    );
    expect(
      twilio.validateRequest(authToken, signature, `${receiver.url}/sms`, { ...params, Body: 'y' }),
    ).toBe(false);
    expect(twilio.validateRequest('wrong-token', signature, `${receiver.url}/sms`, params)).toBe(
      false,
    );
  });

  it('reads answers by MIME type like Twilio, and records its debugger alerts', async () => {
    const answers: ReceiverAnswer[] = [
      { status: 500, contentType: 'text/xml', body: '<Response><Message>no</Message></Response>' },
      { status: 200, contentType: 'application/json', body: '{"reply":"no"}' },
      { status: 200, contentType: 'text/html', body: '<html><body>Hello</body></html>' },
      { status: 200, contentType: 'text/plain; charset=utf-8', body: 'Plain text is a reply\n' },
      { status: 204 },
    ];
    receiver = await startReceiver(() => answers.shift() ?? { status: 200 });
    emulator = await startTwilioEmulator({ accountSid, authToken, smsWebhookUrl: receiver.url });
    const results = [];
    for (const body of ['a', 'b', 'c', 'd', 'e']) {
      const { status, replies } = await emulator.sendSms({
        from: '+15551230102',
        to: bridgeNumber,
        body,
      });
      results.push([status, replies.map((r) => r.body)]);
    }
    expect(results).toEqual([
      [500, []],
      [200, []],
      [200, []],
      [200, ['Plain text is a reply']],
      [204, []],
    ]);
    expect(emulator.messages.map((m) => m.body)).toEqual(['Plain text is a reply']);
    const inboundSids = emulator.inbound.map((m) => m.sid);
    expect(emulator.alerts.map((a) => [a.code, a.messageSid, a.url])).toEqual([
      [11200, inboundSids[0], receiver.url],
      [12300, inboundSids[1], receiver.url],
      [12100, inboundSids[2], receiver.url],
    ]);
  });

  it('throws without a webhook URL, or for a number the account does not own', async () => {
    emulator = await startTwilioEmulator({ accountSid, authToken, phoneNumbers: [bridgeNumber] });
    await expect(
      emulator.sendSms({ from: '+15551230103', to: bridgeNumber, body: 'x' }),
    ).rejects.toThrow(/no SMS webhook URL/);
    receiver = await startReceiver();
    emulator.setWebhookUrl(receiver.url);
    await expect(
      emulator.sendSms({ from: '+15551230103', to: '+15005550001', body: 'x' }),
    ).rejects.toThrow(/\+15005550001 is not one of the Twilio emulator's phoneNumbers/);
    expect(receiver.requests).toHaveLength(0);
    expect(emulator.inbound).toHaveLength(0);
  });

  it('posts signed status callbacks, sent then delivered', async () => {
    receiver = await startReceiver();
    emulator = await startTwilioEmulator({
      accountSid,
      authToken,
      statusCallbacks: { delayMs: 5 },
    });
    const client = twilio(accountSid, authToken, { httpClient: emulator.httpClient });
    const message = await client.messages.create({
      to: '+15551230104',
      from: bridgeNumber,
      body: 'track me',
      statusCallback: `${receiver.url}/status?m=1`,
    });
    await emulator.statusCallbacksIdle();
    expect(receiver.requests.map((r) => formOf(r).MessageStatus)).toEqual(['sent', 'delivered']);
    for (const request of receiver.requests) {
      expect(validBySdk(receiver, request)).toBe(true);
      expect(formOf(request)).toMatchObject({
        MessageSid: message.sid,
        To: '+15551230104',
        From: bridgeNumber,
        AccountSid: accountSid,
      });
      expect(formOf(request)).not.toHaveProperty('ErrorCode');
    }
    expect((await client.messages(message.sid).fetch()).status).toBe('delivered');
  });

  it('reports an asynchronous carrier failure as undelivered with its ErrorCode', async () => {
    receiver = await startReceiver();
    emulator = await startTwilioEmulator({
      accountSid,
      authToken,
      statusCallbacks: { delayMs: 5 },
    });
    const client = twilio(accountSid, authToken, { httpClient: emulator.httpClient });
    emulator.addFailureRule({ to: '+15551230105', code: 30003 });
    const message = await client.messages.create({
      to: '+15551230105',
      from: bridgeNumber,
      body: 'into the void',
      statusCallback: `${receiver.url}/status`,
    });
    expect(message.status).toBe('queued');
    await emulator.statusCallbacksIdle();
    const forms = receiver.requests.map(formOf);
    expect(forms.map((f) => [f.MessageStatus, f.ErrorCode])).toEqual([
      ['sent', undefined],
      ['undelivered', '30003'],
    ]);
    expect(receiver.requests.every((r) => validBySdk(receiver as WebhookReceiver, r))).toBe(true);
    const fetched = await client.messages(message.sid).fetch();
    expect(fetched).toMatchObject({ status: 'undelivered', errorCode: 30003 });
  });
});
