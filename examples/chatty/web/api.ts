// The server's own type for /config.json (type-only: nothing of the server reaches the browser).
import type { PublicConfig } from '../server/app.js';
import type { Session } from './session.js';

export type { PublicConfig };

/** A bridge error, with the message the bridge wrote for people. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The sign-up field an error is about, so only that field is marked invalid. */
export type SignUpField = 'name' | 'phone';

/** Refusals about the number itself (the last two are the bridge's country and type policy). */
const PHONE_ERRORS = new Set(['invalid_phone', 'country_not_allowed', 'number_type_not_allowed']);

/**
 * Which field a bridge error is about: the phone for the phone refusals, and for
 * `invalid_request` the field its message names in quotes (`Invalid sign-up: "name" …`).
 */
export function fieldOf(error: ApiError): SignUpField | undefined {
  if (PHONE_ERRORS.has(error.code)) return 'phone';
  if (error.code !== 'invalid_request') return undefined;
  if (error.message.includes('"name"')) return 'name';
  if (error.message.includes('"phone"')) return 'phone';
  return undefined;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } }).error;
    const retry = Number(response.headers.get('retry-after') ?? Number.NaN);
    throw new ApiError(
      error?.code ?? 'error',
      error?.message ?? 'Something went wrong; try again.',
      Number.isFinite(retry) ? retry : undefined,
    );
  }
  return json as T;
}

export const api = {
  config: async (): Promise<PublicConfig> => (await fetch('/config.json')).json(),
  requestCode: (name: string, phone: string) =>
    post<{ status: string }>('/bridge/auth', { name, phone }),
  verify: (phone: string, code: string) => post<Session>('/bridge/auth/verify', { phone, code }),
};
