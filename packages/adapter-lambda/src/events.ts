/**
 * The parts of AWS's HTTP events the adapter reads, declared here (as Hono does) instead of
 * depending on `@types/aws-lambda`.
 */

/** API Gateway REST API (payload format 1.0). */
export interface ApiGatewayV1Event {
  httpMethod: string;
  /** The resource path without the stage (`/bridge/sms`). */
  path: string;
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  multiValueQueryStringParameters?: Record<string, string[] | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext: {
    stage?: string;
    /** The path as called, stage included when the default endpoint was used (`/prod/bridge/sms`). */
    path?: string;
    domainName?: string;
    identity?: { sourceIp?: string };
  };
}

/** API Gateway HTTP API (payload format 2.0) and Lambda Function URLs. */
export interface ApiGatewayV2Event {
  version: '2.0';
  /** The path as called, stage included for a named stage (`/prod/bridge/sms`). */
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string | undefined>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: {
    stage?: string;
    domainName?: string;
    http: { method: string; sourceIp?: string };
  };
}

/** Any event the adapter accepts. */
export type LambdaHttpEvent = ApiGatewayV1Event | ApiGatewayV2Event;

/** The response shape API Gateway (both formats) and Function URLs accept. */
export interface LambdaHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}
