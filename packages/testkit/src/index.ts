/**
 * `@smsbridge/testkit`: local emulators of Stream Chat and Twilio Messaging that the real
 * `stream-chat`, `stream-chat-react` and `twilio` SDKs talk to over loopback HTTP, and of a
 * Telnyx-shaped SMS provider (JSON webhooks signed with Ed25519), for testing and demoing
 * smsbridge with no accounts and no internet.
 *
 * @packageDocumentation
 * @module @smsbridge/testkit
 */
export * from './stream/index.js';
export * from './telnyx/index.js';
export * from './twilio/index.js';
