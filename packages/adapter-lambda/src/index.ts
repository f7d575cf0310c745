/**
 * `@smsbridge/adapter-lambda`: run a smsbridge bridge on AWS Lambda behind API Gateway (REST or
 * HTTP API), a Function URL or an Application Load Balancer.
 *
 * @packageDocumentation
 * @module @smsbridge/adapter-lambda
 */
export type {
  AlbEvent,
  ApiGatewayV1Event,
  ApiGatewayV2Event,
  LambdaHttpEvent,
  LambdaHttpResult,
} from './events.js';
export { createLambdaHandler, type LambdaHandlerOptions } from './lambda-handler.js';
