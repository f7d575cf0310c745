import type { z } from 'zod';
import { BridgeError } from '../errors.js';
import type { RouteRequest } from './router.js';
import { invalidRequest } from './zod-error.js';

/** The JSON body of an API request, validated: 400 `invalid_json`, or 400 naming the bad field. */
export function parseJsonBody<T>(route: RouteRequest, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(route.rawBody));
  } catch {
    throw new BridgeError('invalid_json', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalidRequest(parsed.error, what);
  return parsed.data;
}
