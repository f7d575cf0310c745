import { z } from 'zod';
import { BridgeError, SmsSendError } from '../errors.js';
import { parseForm } from '../http/form.js';
import { invalidOptions } from '../http/zod-error.js';
import type { OutgoingSms, SmsTransport, SmsWebhookRequest } from '../interfaces.js';
import { twilioSdk, twilioWebhooks } from './lazy-sdk.js';
import { twimlResponse } from './twiml.js';
import { inboundFromFields, statusFromFields } from './webhook-fields.js';

const optionsSchema = z
  .object({
    accountSid: z.string().regex(/^AC/, 'must start with "AC"'),
    authToken: z.string().min(1),
    from: z.string().min(1).optional(),
    messagingServiceSid: z.string().regex(/^MG/, 'must start with "MG"').optional(),
    apiBaseUrl: z.url().optional(),
    timeoutMs: z.number().int().positive().optional(),
  })
  .refine((options) => options.from || options.messagingServiceSid, {
    message: 'set "from" (a number the account owns) or "messagingServiceSid"',
  });

/** Options of {@link createTwilioSmsTransport}. */
export interface TwilioSmsTransportOptions {
  /** Account SID (`AC…`). */
  accountSid: string;
  /** Auth token: authenticates sends and is the key Twilio signs webhooks with. */
  authToken: string;
  /** The number texts are sent from (E.164). Either this or `messagingServiceSid`. */
  from?: string | undefined;
  /** A Messaging Service (`MG…`) that picks the sender. Either this or `from`. */
  messagingServiceSid?: string | undefined;
  /** Send to this base URL instead of `https://api.twilio.com` (an emulator or a proxy). */
  apiBaseUrl?: string | undefined;
  /**
   * How long one API call may take. Default 5000 ms: a hung Twilio must not hold a webhook past
   * Stream's 6 s. A send that times out is not retried (Twilio may have accepted it).
   */
  timeoutMs?: number | undefined;
}

/** Connection failures that happen before a request reaches Twilio: safe to send again. */
const NEVER_REACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** A failed `messages.create` as the bridge's error, saying whether sending again is safe. */
function sendError(error: unknown): SmsSendError {
  const { code, status, message } = error as { code?: unknown; status?: unknown; message?: string };
  const httpStatus = typeof status === 'number' ? status : undefined;
  const retryable =
    httpStatus !== undefined
      ? httpStatus === 429 || httpStatus >= 500
      : typeof code === 'string' && NEVER_REACHED.has(code);
  return new SmsSendError(
    `Twilio refused the text: ${message ?? String(error)}`,
    typeof code === 'number' ? code : undefined,
    httpStatus,
    { cause: error, retryable },
  );
}

const TWILIO_HOST = /^https:\/\/[a-z0-9.-]*twilio\.com/i;

/**
 * Twilio as the bridge's SMS provider. Webhook signatures are checked with Twilio's own
 * validator (`X-Twilio-Signature` over the public URL and the form fields); a forged or
 * unsigned request is refused with 403 `forbidden_signature`. The SDK loads on the first send.
 */
export function createTwilioSmsTransport(options: TwilioSmsTransportOptions): SmsTransport {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptions(parsed.error, 'core/twilio');
  const { accountSid, authToken, from, messagingServiceSid, apiBaseUrl } = parsed.data;
  const timeout = parsed.data.timeoutMs ?? 5_000;
  let client: ReturnType<ReturnType<typeof twilioSdk>> | undefined;

  function verified(request: SmsWebhookRequest) {
    const fields = parseForm(request.rawBody);
    const signature = request.headers.get('x-twilio-signature');
    if (
      !signature ||
      !twilioWebhooks().validateRequest(authToken, signature, request.publicUrl, fields)
    ) {
      throw new BridgeError(
        'forbidden_signature',
        'The X-Twilio-Signature header is missing or does not match this request (check publicUrl).',
      );
    }
    return fields;
  }

  function getClient() {
    if (client) return client;
    const twilio = twilioSdk();
    if (!apiBaseUrl) {
      client = twilio(accountSid, authToken, { httpClient: new twilio.RequestClient({ timeout }) });
      return client;
    }
    const base = apiBaseUrl.replace(/\/$/, '');
    // Twilio's SDK has no base-URL option: rewrite each request's host on its own HTTP client.
    class RedirectingRequestClient extends twilio.RequestClient {
      override request(requestOptions: { uri: string }) {
        return super.request({
          ...requestOptions,
          uri: requestOptions.uri.replace(TWILIO_HOST, base),
        });
      }
    }
    client = twilio(accountSid, authToken, {
      httpClient: new RedirectingRequestClient({ timeout }),
    });
    return client;
  }

  return {
    async parseInbound(request) {
      return inboundFromFields(verified(request));
    },
    async parseStatus(request) {
      return statusFromFields(verified(request));
    },
    async send(sms: OutgoingSms) {
      const params: Record<string, unknown> = { to: sms.to, body: sms.body };
      if (messagingServiceSid) params.messagingServiceSid = messagingServiceSid;
      else params.from = from;
      if (sms.statusCallbackUrl) params.statusCallback = sms.statusCallbackUrl;
      try {
        const message = await getClient().messages.create(params);
        return { messageId: message.sid };
      } catch (error) {
        throw sendError(error);
      }
    },
    replyResponse: twimlResponse,
  };
}
