import { startTelnyxEmulator } from '../../telnyx/index.js';
import type { SmsSide } from './sms-side.js';

/** What a mount needs to point a Telnyx-shaped transport at the emulator. */
export interface TelnyxMountEnvironment {
  url: string;
  apiKey: string;
  /** The account's Ed25519 public key (base64 of the raw 32 bytes). */
  publicKey: string;
  phoneNumber: string;
}

const apiKey = 'mount-telnyx-key';
const phoneNumber = '+15005550007';

/**
 * A JSON-webhook provider's side of the mount contract, shaped like Telnyx: `message.received`
 * events signed with Ed25519 over `${timestamp}|${body}`, and no replies in the webhook's answer
 * (the bridge texts them).
 */
export function telnyxSide(): SmsSide<TelnyxMountEnvironment> {
  return {
    name: 'Telnyx-shaped',
    async start() {
      const telnyx = await startTelnyxEmulator({ apiKey, phoneNumbers: [phoneNumber] });
      return {
        environment: { url: telnyx.url, apiKey, publicKey: telnyx.publicKey, phoneNumber },
        phoneNumber,
        setWebhookUrl: (url) => telnyx.setWebhookUrl(url),
        textsTo: (phone) =>
          telnyx.messages.filter((message) => message.to === phone).map((m) => m.text),
        async phoneTexts(from, body) {
          const { status } = await telnyx.sendSms({ from, to: phoneNumber, text: body });
          return { status: status === 0 ? undefined : status };
        },
        async signedInbound(url, text) {
          const body = JSON.stringify({
            data: {
              record_type: 'event',
              id: crypto.randomUUID(),
              event_type: 'message.received',
              occurred_at: new Date().toISOString(),
              payload: {
                record_type: 'message',
                id: text.id,
                direction: 'inbound',
                type: 'SMS',
                from: { phone_number: text.from },
                to: [{ phone_number: phoneNumber, status: 'webhook_delivered' }],
                text: text.body,
                media: [],
                errors: [],
              },
            },
            meta: { attempt: 1, delivered_to: url },
          });
          return {
            body,
            headers: { 'content-type': 'application/json', ...(await telnyx.signWebhook(body)) },
          };
        },
        forged: (request) => ({
          ...request,
          headers: { ...request.headers, 'telnyx-signature-ed25519': btoa('\0'.repeat(64)) },
        }),
        foreignBody: {
          body: 'Body=hello',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
        answerType: /^application\/json/,
        close: () => telnyx.close(),
      };
    },
  };
}
