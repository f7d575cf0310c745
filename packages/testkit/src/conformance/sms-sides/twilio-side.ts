import { signTwilioRequest, startTwilioEmulator } from '../../twilio/index.js';
import type { SmsSide } from './sms-side.js';

/** What a mount needs to point a Twilio transport at the emulator. */
export interface TwilioMountEnvironment {
  url: string;
  accountSid: string;
  authToken: string;
  phoneNumber: string;
}

const accountSid = `AC${'9'.repeat(32)}`;
const authToken = 'mount-token';
const phoneNumber = '+15005550006';

/** Twilio's side of the mount contract: form webhooks signed with the auth token, TwiML answers. */
export function twilioSide(): SmsSide<TwilioMountEnvironment> {
  return {
    name: 'Twilio',
    async start() {
      const twilio = await startTwilioEmulator({
        accountSid,
        authToken,
        phoneNumbers: [phoneNumber],
      });
      return {
        environment: { url: twilio.url, accountSid, authToken, phoneNumber },
        phoneNumber,
        setWebhookUrl: (url) => twilio.setWebhookUrl(url),
        textsTo: (phone) =>
          twilio.messages
            .filter((m) => m.to === phone && m.source !== 'auto-reply')
            .map((m) => m.body),
        async phoneTexts(from, body) {
          const { status } = await twilio.sendSms({ from, to: phoneNumber, body });
          return { status };
        },
        async signedInbound(url, text) {
          const params = { MessageSid: text.id, From: text.from, To: phoneNumber, Body: text.body };
          return {
            body: new URLSearchParams(params).toString(),
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'x-twilio-signature': signTwilioRequest(authToken, url, params),
            },
          };
        },
        forged: (request) => ({
          ...request,
          headers: { ...request.headers, 'x-twilio-signature': 'AAAA' },
        }),
        foreignBody: { body: '{}', headers: { 'content-type': 'application/json' } },
        answerType: /^text\/xml/,
        close: () => twilio.close(),
      };
    },
  };
}
