import { twilioError } from './errors.js';

/** E.164: a plus, a non-zero digit, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{1,14}$/;
/** Short codes (5–6 digits) and alphanumeric sender IDs (≤ 11 characters, at least one letter). */
const OTHER_SENDER = /^(?:\d{5,6}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$/;
/** Twilio's hard limit on a message body. */
const MAX_BODY_LENGTH = 1600;

/** What the account has that a send may name: its numbers and its Messaging Service. */
export interface AccountSenders {
  /** Numbers the account owns; when non-empty, a From outside it fails with 21606. */
  phoneNumbers: readonly string[];
  /** The account's Messaging Service; when set, any other MessagingServiceSid fails (21701). */
  messagingServiceSid?: string | undefined;
}

/** The fields of a `messages.create` form the emulator acts on, validated. */
export interface CreateRequest {
  to: string;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string;
  mediaUrls: string[];
  statusCallback: string | undefined;
}

/** The first value of a form field; Twilio treats an empty value as absent. */
function first(form: Map<string, string[]>, name: string): string | undefined {
  const value = form.get(name)?.[0];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Reads and validates a `messages.create` form in Twilio's order, throwing its errors: 21604 no
 * To, 21603 no From nor MessagingServiceSid, 21602 no Body nor MediaUrl (nor ContentSid),
 * 21211 a To that is not E.164, 21212 a From that is no kind of sender, 21606 a From the
 * account does not own (when `phoneNumbers` is non-empty), 21701 a Messaging Service the
 * account does not have (when it has one configured), 21266 To equal to From, 21617 a body
 * over 1600 characters.
 */
export function validateCreate(
  form: Map<string, string[]>,
  account: AccountSenders,
): CreateRequest {
  const { phoneNumbers } = account;
  const to = first(form, 'To');
  const from = first(form, 'From');
  const messagingServiceSid = first(form, 'MessagingServiceSid');
  const body = form.get('Body')?.[0] ?? '';
  const mediaUrls = (form.get('MediaUrl') ?? []).filter((url) => url !== '');
  if (!to) throw twilioError(21604);
  if (!from && !messagingServiceSid) throw twilioError(21603);
  if (body === '' && mediaUrls.length === 0 && !first(form, 'ContentSid')) {
    throw twilioError(21602);
  }
  if (!E164.test(to)) throw twilioError(21211, to);
  if (from && !E164.test(from) && !OTHER_SENDER.test(from)) throw twilioError(21212, from);
  if (from && phoneNumbers.length > 0 && !phoneNumbers.includes(from)) {
    throw twilioError(21606, from);
  }
  if (
    messagingServiceSid &&
    account.messagingServiceSid &&
    messagingServiceSid !== account.messagingServiceSid
  ) {
    throw twilioError(21701, messagingServiceSid);
  }
  if (from === to) throw twilioError(21266);
  if (body.length > MAX_BODY_LENGTH) throw twilioError(21617);
  return {
    to,
    from,
    messagingServiceSid,
    body,
    mediaUrls,
    statusCallback: first(form, 'StatusCallback'),
  };
}
