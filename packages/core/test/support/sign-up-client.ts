import type { Store } from '../../src/index.js';
import type { BridgeHarness } from './bridge-harness.js';

/** What the bridge answers: an error, or a sign-up. */
export interface ApiAnswer {
  error?: { code?: string; message?: string };
  user?: { id: string; name: string };
}

/** Requests go straight to the harness's server: no adapter, so the bridge knows no client IP. */
export function client(h: BridgeHarness) {
  const post = (path: string, body: unknown) =>
    fetch(`${h.server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const codesTo = (phone: string) =>
    h.twilio.messages
      .filter((m) => m.to === phone && m.source === 'api')
      .map((m) => /\b(\d{6})\b/.exec(m.body)?.[1] ?? '');
  return {
    auth: (phone: string, name = 'Ada Lovelace') => post('/auth', { name, phone }),
    verify: (body: { phone: string; code: string; name?: string }) => post('/auth/verify', body),
    codesTo,
    lastCode: (phone: string) => codesTo(phone).at(-1) ?? '',
  };
}

/** The store, with `ms` of latency before each call, as a networked database has. */
export function withLatency(ms: number) {
  return (store: Store): Store =>
    new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          await new Promise((resolve) => setTimeout(resolve, ms));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
}

export async function errorOf(response: Response) {
  return { status: response.status, code: ((await response.json()) as ApiAnswer).error?.code };
}
