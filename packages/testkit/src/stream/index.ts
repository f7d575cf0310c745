export {
  type StreamEmulator,
  type StreamEmulatorOptions,
  startStreamEmulator,
  type UnknownStreamRequest,
} from './emulator.js';
export type { StreamErrorBody } from './errors.js';
export type { StreamFault } from './faults.js';
export type { UserResponse } from './serialize.js';
export {
  type StreamWebhookRequest,
  signStreamWebhook,
  streamWebhookRequest,
} from './sign-webhook.js';
export {
  STREAM_WEBHOOK_RETRY_DEFAULTS,
  type WebhookAttempt,
  type WebhookRetryPolicy,
} from './webhooks.js';
