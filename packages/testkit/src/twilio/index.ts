export type { TwilioAlert } from './alerts.js';
export type { FailureRule, InjectedFailure, KeywordType } from './carrier.js';
export { classifyKeyword, DEFAULT_AUTO_REPLIES } from './carrier.js';
export {
  startTwilioEmulator,
  type TwilioEmulator,
  type TwilioEmulatorOptions,
  type TwilioMessageChange,
} from './emulator.js';
export type { TwilioErrorBody } from './errors.js';
export { createTwilioHttpClient, type TwilioRequestClientLike } from './http-client.js';
export type { InboundSms, SendSmsResult, SmsReply } from './inbound.js';
export { signTwilioRequest, type WebhookParams } from './signature.js';
export type { StatusCallbackOptions, StatusStep } from './status-callbacks.js';
export type {
  OutboundSource,
  TwilioMessage,
  TwilioMessageStatus,
} from './store.js';
