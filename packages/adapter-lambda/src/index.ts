/**
 * `@smsbridge/adapter-lambda`: run a smsbridge bridge on AWS Lambda behind API Gateway (REST or
 * HTTP API) or a Function URL.
 *
 * @packageDocumentation
 */
export type {
  ApiGatewayV1Event,
  ApiGatewayV2Event,
  LambdaHttpEvent,
  LambdaHttpResult,
} from './events.js';
export { createLambdaHandler, type LambdaHandlerOptions } from './lambda-handler.js';
