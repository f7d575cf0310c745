/**
 * `@smsbridge/core`: bridge a Stream Chat channel with SMS. The core speaks Web
 * `Request`/`Response` only and depends on interfaces, so any chat service, SMS provider, store
 * or framework can be plugged in.
 *
 * @packageDocumentation
 * @module @smsbridge/core
 */

export { OFFLINE_QUOTES } from './bots/offline-quotes.js';
export { createQuoteBot, type QuoteBotOptions } from './bots/quote-bot.js';
export { type Bridge, createBridge, type FetchContext } from './bridge.js';
export {
  type BridgeLogger,
  type BridgeOptions,
  DEFAULT_RATE_LIMITS,
  type RateLimits,
  type SignUpOptions,
  type ThrottleOptions,
} from './bridge-config.js';
export {
  BridgeError,
  type BridgeErrorCode,
  ERROR_STATUS,
  errorResponse,
  SmsSendError,
} from './errors.js';
export type {
  Bot,
  BotContext,
  ChannelRef,
  ChatMessage,
  ChatTransport,
  ChatUser,
  ChatWebhook,
  DeliveryStatus,
  InboundSms,
  OutgoingChatMessage,
  OutgoingSms,
  SmsStatusUpdate,
  SmsTransport,
  SmsWebhookRequest,
} from './interfaces.js';
export {
  BRIDGE_NO_TEXT_FIELD,
  BRIDGE_SMS_STATUS_FIELD,
  BRIDGE_SOURCE_FIELD,
  type BridgeSource,
} from './message-source.js';
export { type BridgeMessages, DEFAULT_MESSAGES } from './messages.js';
export { classifyKeyword, type KeywordAction } from './policy/keywords.js';
export {
  findMentionSites,
  type Mentionable,
  type MentionPhrase,
  type MentionSite,
  type ResolvedMention,
  rewriteMentions,
} from './policy/mentions.js';
export { MAX_NAME_CHARS, nameKey, smsAuthorName } from './policy/names.js';
export { normalizePhone, type ParsedPhone, parsePhone } from './policy/phone.js';
export { redactPhoneNumbers } from './policy/redact.js';
export { NEVER_TEXTED } from './policy/sign-up-numbers.js';
export { fillTemplate, truncateForSms } from './policy/sms-text.js';
export { sendFailureWithoutAnswer } from './sms-send-failure.js';
export type {
  DeliveryRecord,
  Member,
  MemberInput,
  MemberStatus,
  NameMatch,
  RateLimitHit,
  Store,
  VerificationCode,
} from './store.js';
