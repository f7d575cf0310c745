/**
 * `@smsbridge/core/twilio`: Twilio Messaging as the bridge's SMS transport.
 *
 * @packageDocumentation
 * @module @smsbridge/core/twilio
 */
export { createTwilioSmsTransport, type TwilioSmsTransportOptions } from './transport.js';
