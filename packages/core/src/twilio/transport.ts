import * as z from 'zod';
import { BridgeError } from '../errors.js';
import { parseForm } from '../http/form.js';
import { requireMediaType } from '../http/router.js';
import { invalidOptions } from '../http/zod-error.js';
import type { OutgoingSms, SmsTransport, SmsWebhookRequest } from '../interfaces.js';
import { createTwilioRestClient, TWILIO_API, type TwilioSender } from './rest-client.js';
import { isValidTwilioSignature } from './signature.js';
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

/**
 * Twilio as the bridge's SMS provider. Webhook signatures (`X-Twilio-Signature` over the public
 * URL and the form fields) are checked as Twilio's own validator checks them; a forged or
 * unsigned request is refused with 403 `forbidden_signature`. Texts go out over Node's HTTP
 * client where the runtime has one, else `fetch`: no SDK to load, on any runtime.
 */
export function createTwilioSmsTransport(options: TwilioSmsTransportOptions): SmsTransport {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptions(parsed.error, 'core/twilio');
  const { accountSid, authToken, from, messagingServiceSid } = parsed.data;
  const rest = createTwilioRestClient({
    accountSid,
    authToken,
    apiBaseUrl: parsed.data.apiBaseUrl ?? TWILIO_API,
    timeoutMs: parsed.data.timeoutMs ?? 5_000,
  });
  const sender: TwilioSender = messagingServiceSid
    ? { messagingServiceSid }
    : { from: from as string };

  async function verified(request: SmsWebhookRequest) {
    requireMediaType(request.headers, 'application/x-www-form-urlencoded', "Twilio's webhook");
    const fields = parseForm(request.rawBody);
    const signature = request.headers.get('x-twilio-signature');
    if (
      !signature ||
      !(await isValidTwilioSignature(authToken, signature, request.publicUrl, fields))
    ) {
      throw new BridgeError(
        'forbidden_signature',
        'The X-Twilio-Signature header is missing or does not match this request (check publicUrl).',
      );
    }
    return fields;
  }

  return {
    async parseInbound(request) {
      return inboundFromFields(await verified(request));
    },
    async parseStatus(request) {
      return statusFromFields(await verified(request));
    },
    async send(sms: OutgoingSms) {
      const { sid } = await rest.createMessage(sms, sender);
      return { messageId: sid };
    },
    replyResponse: twimlResponse,
  };
}
