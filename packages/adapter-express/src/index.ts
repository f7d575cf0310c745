/**
 * `@smsbridge/adapter-express`: mount a smsbridge bridge in an Express 4 or 5 app.
 *
 * @packageDocumentation
 * @module @smsbridge/adapter-express
 */
export { createExpressHandler, keepRawBody } from './express-handler.js';
