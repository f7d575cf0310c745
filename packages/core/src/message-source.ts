/**
 * The custom field the bridge sets on every message it posts (`'sms'` for a member's text,
 * `'bot'` for a bot's answer). A bot never answers a message that carries it, which is what stops
 * bots answering themselves or each other.
 */
export const BRIDGE_SOURCE_FIELD = 'smsbridge_source';

/** What posted a bridge message. */
export type BridgeSource = 'sms' | 'bot';
