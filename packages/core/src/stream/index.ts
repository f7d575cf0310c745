/**
 * `@smsbridge/core/stream`: Stream Chat as the bridge's chat transport.
 *
 * @packageDocumentation
 */
export { createStreamChatTransport, type StreamChatTransportOptions } from './transport.js';
