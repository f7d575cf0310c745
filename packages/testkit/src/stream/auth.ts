import jwt from 'jsonwebtoken';
import { StreamApiError } from './errors.js';

/** Who a request acts as: the server (may act as anyone) or one user. */
export type StreamCaller = { kind: 'server' } | { kind: 'user'; userId: string };

/**
 * Checks the API key and verifies the JWT exactly as Stream does for REST calls and the websocket:
 * HS256 with the API secret, `{server:true}` for server tokens, `{user_id, exp?}` for users.
 * Throws a {@link StreamApiError} with Stream's codes (2 key, 43 signature, 40 expired).
 */
export function authenticate(
  expected: { apiKey: string; apiSecret: string },
  apiKey: string | null,
  token: string | null,
): StreamCaller {
  if (apiKey !== expected.apiKey) {
    throw new StreamApiError(
      401,
      2,
      `api_key not valid, make sure you are using the right API key ("${apiKey ?? ''}" given)`,
    );
  }
  if (!token || token === 'undefined') {
    throw new StreamApiError(
      401,
      2,
      'JWTAuth error: missing authorization header or token, provide a JWT token',
    );
  }
  let payload: jwt.JwtPayload | string;
  try {
    payload = jwt.verify(token, expected.apiSecret, { algorithms: ['HS256'] });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) {
      throw new StreamApiError(
        401,
        40,
        `JWTAuth error: token has expired at ${error.expiredAt.toISOString()}`,
      );
    }
    throw new StreamApiError(
      401,
      43,
      'JWTAuth error: signature is not valid. Make sure the token is created using the secret for this API key',
    );
  }
  if (typeof payload === 'object' && payload.server === true) return { kind: 'server' };
  const userId = typeof payload === 'object' ? payload.user_id : undefined;
  if (typeof userId !== 'string' || userId === '') {
    throw new StreamApiError(401, 43, 'JWTAuth error: token has neither user_id nor server claim');
  }
  return { kind: 'user', userId };
}

/**
 * Refuses a user token acting as someone else (Stream answers 403 code 17). A server token may
 * act as anyone; `actingAs` undefined means "the caller itself".
 */
export function assertMayActAs(caller: StreamCaller, actingAs: string | undefined): void {
  if (caller.kind === 'server' || actingAs === undefined || actingAs === caller.userId) return;
  throw new StreamApiError(
    403,
    17,
    `user "${caller.userId}" is not allowed to perform this action as user "${actingAs}"`,
  );
}

/** The user a call acts as: the explicit one (server calls must name it) or the token's user. */
export function actingUserId(caller: StreamCaller, explicit: string | undefined): string {
  assertMayActAs(caller, explicit);
  if (explicit) return explicit;
  if (caller.kind === 'user') return caller.userId;
  throw new StreamApiError(
    400,
    4,
    'Either data.user or data.user_id must be provided when using server side auth.',
  );
}
