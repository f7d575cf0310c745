import type { StreamEmulator, TwilioEmulator } from '@smsbridge/testkit';
import { signTwilioRequest, streamWebhookRequest } from '@smsbridge/testkit';
import type { RunningLambda } from './lambda-bundle.js';

/** What an API Gateway HTTP API (payload 2.0) answer looks like, as far as these checks go. */
interface Answer {
  statusCode: number;
  body: string;
  headers?: Record<string, string>;
}

/** Where the deployed bridge lives and what it was given. */
export interface DeployedBridge {
  lambda: RunningLambda;
  stream: StreamEmulator;
  twilio: TwilioEmulator;
  /** The public URL the bridge's routes are under (what Twilio signs), e.g. `https://x/bridge`. */
  publicUrl: string;
  /** The path prefix API Gateway passes before the routes (`/bridge`, or `''`). */
  pathPrefix: string;
  channel: { type: string; id: string };
  apiSecret: string;
  authToken: string;
  bridgeNumber: string;
}

/** An API Gateway v2 event for `method path`, with a base64 body as HTTP APIs send form posts. */
function event(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  return {
    version: '2.0',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example.com', 'x-forwarded-proto': 'https', ...headers },
    isBase64Encoded: body !== undefined,
    ...(body === undefined ? {} : { body: Buffer.from(body).toString('base64') }),
    requestContext: { stage: '$default', http: { method, sourceIp: '203.0.113.40' } },
  };
}

/** A number of the 555-01xx range (reserved for fiction) in a random area, new each run. */
function freshNumber(): string {
  const areas = ['212', '312', '415', '617', '646', '718', '202', '305', '503', '206'];
  const area = areas[Math.floor(Math.random() * areas.length)];
  return `+1${area}55501${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
}

/**
 * Drives a deployed bridge through the paths every deployment needs: health, a signed text from
 * a stranger (TwiML sign-up reply), a sign-up by texted code, and a signed chat mention of the
 * new member (texted). Returns what was seen, for the caller's assertions.
 */
export async function driveDeployedBridge(bridge: DeployedBridge) {
  const { lambda, twilio, pathPrefix: prefix } = bridge;
  const health = await lambda.invoke<Answer>(event('GET', `${prefix}/health`));

  const stranger = { From: freshNumber(), To: bridge.bridgeNumber, Body: 'hello?' };
  const inbound = {
    MessageSid: `SM${crypto.randomUUID().replaceAll('-', '')}`,
    ...stranger,
  };
  const signUpReply = await lambda.invoke<Answer>(
    event('POST', `${prefix}/sms`, new URLSearchParams(inbound).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilioRequest(bridge.authToken, `${bridge.publicUrl}/sms`, inbound),
    }),
  );

  const phone = freshNumber();
  const json = { 'content-type': 'application/json' };
  const auth = await lambda.invoke<Answer>(
    event('POST', `${prefix}/auth`, JSON.stringify({ name: 'Bundle Ada', phone }), json),
  );
  const codeText = twilio.messages.filter((m) => m.to === phone && m.source === 'api').at(-1);
  const code = /\b(\d{6})\b/.exec(codeText?.body ?? '')?.[1] ?? '';
  const verify = await lambda.invoke<Answer>(
    event('POST', `${prefix}/auth/verify`, JSON.stringify({ phone, code }), json),
  );
  const memberId = (JSON.parse(verify.body) as { user?: { id: string } }).user?.id ?? '';

  const mention = streamWebhookRequest(bridge.apiSecret, {
    type: 'message.new',
    cid: `${bridge.channel.type}:${bridge.channel.id}`,
    channel_type: bridge.channel.type,
    channel_id: bridge.channel.id,
    message: {
      id: `bundle-${crypto.randomUUID()}`,
      text: 'Dinner at 6, @Bundle Ada?',
      user: { id: 'alice', name: 'Alice' },
      mentioned_users: [{ id: memberId, name: 'Bundle Ada', online: false }],
    },
  });
  const chat = await lambda.invoke<Answer>(
    event('POST', `${prefix}/chat`, mention.body, mention.headers),
  );
  const texts = twilio.messages
    .filter((m) => m.to === phone && m.source === 'api')
    .map((m) => m.body);
  return { health, signUpReply, auth, codeText: codeText?.body, verify, memberId, chat, texts };
}
