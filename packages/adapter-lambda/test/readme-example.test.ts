import { expect, it } from 'vitest';
import { startReadmeEnvironment, writeReadmeExample } from '../../../scripts/readme-code.js';
import type { LambdaHttpEvent, LambdaHttpResult } from '../src/index.js';
import { startGateway } from './gateway.js';

it('runs the README\u2019s Lambda example as written, behind a Function URL', async () => {
  const { stream, twilio } = await startReadmeEnvironment(`AC${'6'.repeat(32)}`);
  const file = writeReadmeExample(
    'Or run it on AWS Lambda',
    import.meta.dirname,
    'readme-lambda.ts',
  );
  const { handler } = (await import(/* @vite-ignore */ file)) as {
    handler: (event: LambdaHttpEvent) => Promise<LambdaHttpResult>;
  };
  const gateway = await startGateway('function-url', handler);

  expect((await fetch(`${gateway.origin}/health`)).status).toBe(200);
  twilio.setWebhookUrl(`${gateway.origin}/sms`);
  const stranger = await twilio.sendSms({ from: '+14155550902', to: '+15005550006', body: 'hi?' });
  expect(stranger.status).toBe(200);
  expect(stranger.replies.map((reply) => reply.body)).toEqual([
    'This number is not signed up for Chatty Kathy.',
  ]);
  const forged = await fetch(`${gateway.origin}/sms`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': 'forged',
    },
    body: 'MessageSid=SM1&From=%2B14155550902&To=%2B15005550006&Body=x',
  });
  expect(forged.status).toBe(403);
  await Promise.all([gateway.close(), stream.close(), twilio.close()]);
});
