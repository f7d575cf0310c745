import { readFileSync } from 'node:fs';
import type {
  ApiGatewayV1Event,
  ApiGatewayV2Event,
  LambdaHttpEvent,
  LambdaHttpResult,
} from '@smsbridge/adapter-lambda';
import { signTwilioRequest, startStreamEmulator, startTwilioEmulator } from '@smsbridge/testkit';
import { describe, expect, it } from 'vitest';

const PUBLIC_URL = 'https://chatty.example.com';
const keys = {
  apiKey: 'lambda-key',
  apiSecret: 'lambda-secret',
  sid: `AC${'7'.repeat(32)}`,
  token: 'lambda-token',
};

describe('Chatty on Lambda (server/lambda.ts, as template.yaml deploys it)', () => {
  it('answers API Gateway events: health, a signed inbound text, a forged one', async () => {
    const stream = await startStreamEmulator({ apiKey: keys.apiKey, apiSecret: keys.apiSecret });
    const twilio = await startTwilioEmulator({
      accountSid: keys.sid,
      authToken: keys.token,
      phoneNumbers: ['+15005550006'],
    });
    Object.assign(process.env, {
      PUBLIC_URL,
      STREAM_API_KEY: keys.apiKey,
      STREAM_API_SECRET: keys.apiSecret,
      STREAM_BASE_URL: stream.url,
      TWILIO_ACCOUNT_SID: keys.sid,
      TWILIO_AUTH_TOKEN: keys.token,
      TWILIO_NUMBER: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
    });
    const { handler } = (await import('../server/lambda.js')) as {
      handler: (event: LambdaHttpEvent) => Promise<LambdaHttpResult>;
    };

    const health: ApiGatewayV2Event = {
      version: '2.0',
      rawPath: '/bridge/health',
      headers: { host: 'chatty.example.com' },
      requestContext: { stage: '$default', http: { method: 'GET', sourceIp: '203.0.113.5' } },
    };
    expect(await handler(health)).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });

    const params = {
      // A new id each run: with MONGODB_URI set the store outlives the run, and Twilio never
      // reuses a MessageSid.
      MessageSid: `SM${crypto.randomUUID().replaceAll('-', '')}`,
      From: '+14155550171',
      To: '+15005550006',
      Body: 'hi',
    };
    const signed: ApiGatewayV2Event = {
      ...health,
      rawPath: '/bridge/sms',
      headers: {
        host: 'chatty.example.com',
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(keys.token, `${PUBLIC_URL}/bridge/sms`, params),
      },
      body: Buffer.from(new URLSearchParams(params).toString()).toString('base64'),
      isBase64Encoded: true,
      requestContext: { stage: '$default', http: { method: 'POST', sourceIp: '203.0.113.5' } },
    };
    const reply = await handler(signed);
    expect(reply.statusCode).toBe(200);
    expect(reply.headers?.['content-type']).toMatch(/^text\/xml/);
    expect(reply.body).toContain('<Message>This number is not signed up for Chatty.</Message>');

    const forged: ApiGatewayV1Event = {
      httpMethod: 'POST',
      path: '/bridge/sms',
      headers: {
        host: 'chatty.example.com',
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': 'forged',
      },
      body: new URLSearchParams(params).toString(),
      isBase64Encoded: false,
      requestContext: { stage: 'prod', path: '/bridge/sms', identity: { sourceIp: '203.0.113.5' } },
    };
    expect((await handler(forged)).statusCode).toBe(403);
    await Promise.all([stream.close(), twilio.close()]);
  });

  it('points the template at the built handler and the /bridge routes', () => {
    const template = readFileSync(new URL('../template.yaml', import.meta.url), 'utf8');
    expect(template).toContain('EntryPoints: [server/lambda.ts]');
    expect(template).toContain('Handler: lambda.handler');
    expect(template).toContain('Path: /bridge/{proxy+}');
    for (const variable of [
      'PUBLIC_URL',
      'STREAM_API_KEY',
      'STREAM_API_SECRET',
      'TWILIO_ACCOUNT_SID',
      'TWILIO_AUTH_TOKEN',
      'TWILIO_NUMBER',
      'MONGODB_URI',
    ]) {
      expect(template).toContain(`${variable}:`);
    }
  });
});
