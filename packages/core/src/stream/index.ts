/**
 * `@smsbridge/core/stream`: Stream Chat as the bridge's chat transport.
 *
 * @packageDocumentation
 * @module @smsbridge/core/stream
 */
export { createStreamChatTransport, type StreamChatTransportOptions } from './transport.js';
