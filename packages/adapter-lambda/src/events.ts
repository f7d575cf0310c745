/**
 * The parts of AWS's HTTP events the adapter reads, declared here (as Hono does) instead of
 * depending on `@types/aws-lambda`.
 */

/** API Gateway REST API (payload format 1.0). */
export interface ApiGatewayV1Event {
  httpMethod: string;
  /** The resource path without the stage (`/bridge/sms`). */
  path: string;
  headers?: Record<string, string | undefined> | null | undefined;
  multiValueHeaders?: Record<string, string[] | undefined> | null | undefined;
  multiValueQueryStringParameters?: Record<string, string[] | undefined> | null | undefined;
  queryStringParameters?: Record<string, string | undefined> | null | undefined;
  body?: string | null | undefined;
  isBase64Encoded?: boolean | undefined;
  requestContext: {
    stage?: string | undefined;
    /** The path as called, stage included when the default endpoint was used (`/prod/bridge/sms`). */
    path?: string | undefined;
    domainName?: string | undefined;
    identity?: { sourceIp?: string | undefined } | undefined;
  };
}

/** API Gateway HTTP API (payload format 2.0) and Lambda Function URLs. */
export interface ApiGatewayV2Event {
  version: '2.0';
  /** The path as called, stage included for a named stage (`/prod/bridge/sms`). */
  rawPath: string;
  rawQueryString?: string | undefined;
  headers?: Record<string, string | undefined> | undefined;
  cookies?: string[] | undefined;
  body?: string | undefined;
  isBase64Encoded?: boolean | undefined;
  requestContext: {
    stage?: string | undefined;
    domainName?: string | undefined;
    http: { method: string; sourceIp?: string | undefined };
  };
}

/**
 * An Application Load Balancer's event for a Lambda target. With multi-value headers on for the
 * target group it carries only `multiValueHeaders` and `multiValueQueryStringParameters`.
 * Query values arrive as the client sent them, still percent-encoded.
 */
export interface AlbEvent {
  httpMethod: string;
  path: string;
  headers?: Record<string, string | undefined> | undefined;
  multiValueHeaders?: Record<string, string[] | undefined> | undefined;
  queryStringParameters?: Record<string, string | undefined> | undefined;
  multiValueQueryStringParameters?: Record<string, string[] | undefined> | undefined;
  body?: string | null | undefined;
  isBase64Encoded?: boolean | undefined;
  requestContext: { elb: { targetGroupArn: string } };
}

/** Any event the adapter accepts. */
export type LambdaHttpEvent = ApiGatewayV1Event | ApiGatewayV2Event | AlbEvent;

/**
 * The response shape API Gateway (both formats), Function URLs and ALBs accept. For an ALB
 * target group with multi-value headers on, the headers go in `multiValueHeaders` instead.
 */
export interface LambdaHttpResult {
  statusCode: number;
  /** An ALB's status line text (`200 OK`). */
  statusDescription?: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
}
