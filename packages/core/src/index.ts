/**
 * `@smsbridge/core`: bridge a Stream Chat channel with SMS. The core speaks Web
 * `Request`/`Response` only and depends on interfaces, so any chat service, SMS provider, store
 * or framework can be plugged in.
 *
 * @packageDocumentation
 */

export { OFFLINE_QUOTES } from './bots/offline-quotes.js';
export { createQuoteBot, type QuoteBotOptions } from './bots/quote-bot.js';
export { type Bridge, createBridge, type FetchContext } from './bridge.js';
export {
  type BridgeLogger,
  type BridgeOptions,
  DEFAULT_RATE_LIMITS,
  type RateLimits,
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
  InboundSms,
  OutgoingChatMessage,
  OutgoingSms,
  SmsStatusUpdate,
  SmsTransport,
  SmsWebhookRequest,
} from './interfaces.js';
export { BRIDGE_SOURCE_FIELD, type BridgeSource } from './message-source.js';
export { type BridgeMessages, DEFAULT_MESSAGES } from './messages.js';
export { classifyKeyword, type KeywordAction } from './policy/keywords.js';
export { type Mentionable, resolveMentions } from './policy/mentions.js';
export { normalizePhone } from './policy/phone.js';
export { fillTemplate, truncateForSms } from './policy/sms-text.js';
export type {
  DeliveryRecord,
  Member,
  MemberInput,
  MemberStatus,
  RateLimitHit,
  Store,
  VerificationCode,
} from './store.js';
