/**
 * The custom field the bridge sets on every message it posts (`'sms'` for a member's text,
 * `'bot'` for a bot's answer). A bot never answers a message that carries it, which is what stops
 * bots answering themselves or each other.
 */
export const BRIDGE_SOURCE_FIELD = 'smsbridge_source';

/** What posted a bridge message. */
export type BridgeSource = 'sms' | 'bot';

/**
 * The custom field on a bot's answer listing members it must not text although it mentions them:
 * the asker, when their message did not mention the bot (a bot answering every message would
 * otherwise text SMS members after each of their texts).
 */
export const BRIDGE_NO_TEXT_FIELD = 'smsbridge_no_text';

/** The custom field on an SMS member's chat user: `'active'`, or `'opted_out'` after STOP. */
export const BRIDGE_SMS_STATUS_FIELD = 'smsbridge_sms';
