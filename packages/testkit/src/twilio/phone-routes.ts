import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonBody, readRawBody } from '../http/body.js';
import { sendJson, sendText } from '../http/respond.js';
import type { InboundSms, SendSmsResult } from './inbound.js';
import { PHONE_PAGE_HTML } from './phone-page.js';
import type { MessageStore, TwilioMessage } from './store.js';
import { E164 } from './validation.js';

/** What the phone simulator needs from the emulator. */
export interface PhoneContext {
  store: MessageStore;
  phoneNumbers: readonly string[];
  webhookConfigured: () => boolean;
  sendSms: (sms: InboundSms) => Promise<SendSmsResult>;
  /** Open SSE responses, closed with the emulator. */
  liveStreams: Set<ServerResponse>;
}

/** A message as the page shows it: the phone's side is `phone`, the account's is `number`. */
function forPage(message: TwilioMessage): Record<string, unknown> {
  const inbound = message.direction === 'inbound';
  return {
    sid: message.sid,
    direction: inbound ? 'sent' : 'received',
    phone: inbound ? message.from : message.to,
    number: inbound ? message.to : (message.from ?? message.messagingServiceSid),
    body: message.body,
    mediaUrls: message.mediaUrls,
    status: message.status,
    errorCode: message.errorCode,
    source: message.source ?? null,
    at: message.dateCreated.toISOString(),
  };
}

function allMessages(store: MessageStore): TwilioMessage[] {
  return [...store.inbound, ...store.outbound].sort(
    (a, b) => a.dateCreated.getTime() - b.dateCreated.getTime(),
  );
}

/**
 * The phone simulator: `GET /phone` (the page), `GET /phone/api/state`, `POST /phone/api/send`
 * (a text from the phone, through sendSms) and `GET /phone/events` (server-sent events).
 */
export async function handlePhoneRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: PhoneContext,
): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /phone' || route === 'GET /phone/') {
    return sendText(res, 200, 'text/html; charset=utf-8', PHONE_PAGE_HTML);
  }
  if (route === 'GET /phone/api/state') {
    return sendJson(res, 200, {
      numbers: context.phoneNumbers,
      webhookConfigured: context.webhookConfigured(),
      messages: allMessages(context.store).map(forPage),
    });
  }
  if (route === 'POST /phone/api/send') return send(req, res, context);
  if (route === 'GET /phone/events') return openEventStream(req, res, context);
  sendJson(res, 404, { error: { code: 'not_found', message: `No phone route ${route}` } });
}

async function send(req: IncomingMessage, res: ServerResponse, context: PhoneContext) {
  let input: Record<string, unknown>;
  try {
    input = parseJsonBody(await readRawBody(req, 64 * 1024)) as Record<string, unknown>;
  } catch {
    return sendJson(res, 400, { error: { code: 'invalid_json', message: 'Body must be JSON.' } });
  }
  const { from, to, body } = input;
  if (typeof from !== 'string' || !E164.test(from)) {
    return sendJson(res, 400, {
      error: {
        code: 'invalid_phone',
        message: 'The phone number must be E.164, like +15551234567.',
      },
    });
  }
  if (typeof to !== 'string' || to === '') {
    return sendJson(res, 400, {
      error: {
        code: 'no_number',
        message: 'No number to text: start the emulator with the phone numbers the bridge uses.',
      },
    });
  }
  if (typeof body !== 'string' || body.trim() === '') {
    return sendJson(res, 400, { error: { code: 'invalid_message', message: 'Type a message.' } });
  }
  if (!context.webhookConfigured()) {
    return sendJson(res, 409, {
      error: {
        code: 'no_webhook',
        message: 'No SMS webhook URL is configured, so nothing receives this text.',
      },
    });
  }
  try {
    const result = await context.sendSms({ from, to, body });
    sendJson(res, 200, { status: result.status, replies: result.replies.length });
  } catch (error) {
    // The carrier refused the text (e.g. a number the account does not own): say why.
    sendJson(res, 400, { error: { code: 'not_delivered', message: (error as Error).message } });
  }
}

function openEventStream(req: IncomingMessage, res: ServerResponse, context: PhoneContext) {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.write('retry: 1000\n\n');
  const push = (message: TwilioMessage) => {
    res.write(`data: ${JSON.stringify(forPage(message))}\n\n`);
  };
  context.store.on('message', push);
  context.store.on('status', push);
  context.liveStreams.add(res);
  req.on('close', () => {
    context.store.off('message', push);
    context.store.off('status', push);
    context.liveStreams.delete(res);
  });
}
