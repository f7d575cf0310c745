import { SmsSendError } from '../errors.js';
import type { OutgoingSms } from '../interfaces.js';
import { sendFailureWithoutAnswer } from '../sms-send-failure.js';
import { type HttpAnswer, httpCall } from '../web/http-call.js';

/** The JSON object in `text`, or `{}` when it holds none (an HTML error page, an empty body). */
function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Twilio's REST API. */
export const TWILIO_API = 'https://api.twilio.com';

/** Where a text goes from: one number, or a Messaging Service that picks one. */
export type TwilioSender = { from: string } | { messagingServiceSid: string };

/** Options of {@link createTwilioRestClient}. */
export interface TwilioRestOptions {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  timeoutMs: number;
}

/** Twilio's "Attempt to send to unsubscribed recipient": the phone texted STOP. */
const TWILIO_UNSUBSCRIBED = 21610;

/**
 * Refusals that are about the account, not the recipient: 20003 wrong credentials (401), 21212
 * an invalid From, 21606 and 21659 a From the account cannot send from. Nothing was sent, and
 * the same text succeeds once the operator fixes the settings, so they are retryable rather
 * than a verdict on the number.
 */
const ACCOUNT_ERRORS = new Set([20003, 21212, 21606, 21659]);

function refusalKind(status: number, code: unknown) {
  if (status === 401 || status === 403 || (typeof code === 'number' && ACCOUNT_ERRORS.has(code)))
    return 'account';
  return status === 429 || status >= 500 ? 'for_now' : 'recipient';
}

/**
 * Twilio's Messages resource over `httpCall` (`POST /2010-04-01/Accounts/{sid}/Messages.json`,
 * Basic auth, form body), as the `twilio` SDK calls it. The bridge makes this one call; loading
 * the SDK for it would cost a Lambda cold start hundreds of milliseconds and tie the core to
 * Node.
 */
export function createTwilioRestClient(options: TwilioRestOptions) {
  const base = options.apiBaseUrl.replace(/\/$/, '');
  const authorization = `Basic ${btoa(`${options.accountSid}:${options.authToken}`)}`;
  const messagesUrl = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;

  return {
    /** Sends a text; rejects with an `SmsSendError` saying whether sending again is safe. */
    async createMessage(sms: OutgoingSms, sender: TwilioSender): Promise<{ sid: string }> {
      const form = new URLSearchParams({ To: sms.to, Body: sms.body });
      if ('from' in sender) form.set('From', sender.from);
      else form.set('MessagingServiceSid', sender.messagingServiceSid);
      if (sms.statusCallbackUrl) form.set('StatusCallback', sms.statusCallbackUrl);
      let response: HttpAnswer;
      try {
        response = await httpCall({
          url: messagesUrl,
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: form.toString(),
          timeoutMs: options.timeoutMs,
        });
      } catch (error) {
        throw sendFailureWithoutAnswer('Twilio', error);
      }
      const json = parseJsonObject(response.text) as {
        sid?: unknown;
        code?: unknown;
        message?: unknown;
      };
      const ok = response.status >= 200 && response.status <= 299;
      if (ok && typeof json.sid === 'string') return { sid: json.sid };
      const kind = refusalKind(response.status, json.code);
      const retryable = kind !== 'recipient';
      throw new SmsSendError(
        `Twilio refused the text${kind === 'account' ? ' (check the account settings)' : ''}: ${typeof json.message === 'string' ? json.message : response.statusText}`,
        typeof json.code === 'number' ? json.code : undefined,
        response.status,
        { retryable, permanent: !retryable, optedOut: json.code === TWILIO_UNSUBSCRIBED },
      );
    },
  };
}
