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
