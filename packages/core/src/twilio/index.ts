/**
 * `@smsbridge/core/twilio`: Twilio Messaging as the bridge's SMS transport.
 *
 * @packageDocumentation
 */
export { createTwilioSmsTransport, type TwilioSmsTransportOptions } from './transport.js';
