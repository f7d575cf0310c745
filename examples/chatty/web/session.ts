/** A signed-up user's session: kept in localStorage until the chat token expires. */
export interface Session {
  user: { id: string; name: string; image?: string };
  token: string;
}

const KEY = 'chatty.session';

function tokenExpiry(token: string): number {
  try {
    const payload = JSON.parse(
      atob(token.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/') ?? ''),
    );
    return typeof payload.exp === 'number' ? payload.exp * 1000 : Number.POSITIVE_INFINITY;
  } catch {
    return 0;
  }
}

export function loadSession(): Session | undefined {
  try {
    const session = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    if (session && tokenExpiry(session.token) > Date.now() + 60_000) return session;
  } catch {
    // a damaged entry is the same as none
  }
  localStorage.removeItem(KEY);
  return undefined;
}

export function saveSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}
