import type { TwilioMessage } from './store.js';

/** RFC 2822 dates, as Twilio's 2010 API writes them ("Thu, 30 Jul 2015 20:12:31 +0000"). */
export function rfc2822(date: Date | null): string | null {
  return date ? date.toUTCString().replace('GMT', '+0000') : null;
}

/** A message resource exactly as `MessageInstance` reads it (snake_case, strings for counts). */
export function serializeMessage(message: TwilioMessage): Record<string, unknown> {
  const uri = `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}`;
  return {
    account_sid: message.accountSid,
    api_version: '2010-04-01',
    body: message.body,
    date_created: rfc2822(message.dateCreated),
    date_sent: rfc2822(message.dateSent),
    date_updated: rfc2822(message.dateUpdated),
    direction: message.direction,
    error_code: message.errorCode,
    error_message: message.errorMessage,
    from: message.from,
    messaging_service_sid: message.messagingServiceSid,
    num_media: String(message.mediaUrls.length),
    num_segments: String(message.numSegments),
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: message.status,
    subresource_uris: {
      media: `${uri}/Media.json`,
      feedback: `${uri}/Feedback.json`,
    },
    to: message.to,
    uri: `${uri}.json`,
  };
}
