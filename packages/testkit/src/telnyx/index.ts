export type { TelnyxFailure, TelnyxFailureRule } from './carrier.js';
export {
  startTelnyxEmulator,
  type TelnyxEmulator,
  type TelnyxEmulatorOptions,
} from './emulator.js';
export type { TelnyxErrorObject } from './errors.js';
export type { TelnyxInboundSms } from './inbound.js';
export type { TelnyxSignatureHeaders } from './signature.js';
export type { TelnyxMessage } from './store.js';
export type { TelnyxEventType, TelnyxWebhookRetries } from './webhooks.js';
