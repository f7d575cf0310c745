import { useEffect, useState } from 'react';
import type { PublicConfig } from '../api.js';
import type { Session } from '../session.js';

/** On a phone, texting may be easier than the web chat. */
export function useIsPhone(): boolean {
  const query = '(max-width: 640px)';
  const [narrow, setNarrow] = useState(
    () => matchMedia(query).matches || /Mobi|Android/i.test(navigator.userAgent),
  );
  useEffect(() => {
    const list = matchMedia(query);
    const update = () => setNarrow(list.matches || /Mobi|Android/i.test(navigator.userAgent));
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, []);
  return narrow;
}

/** The bar above the chat: who is signed in, the phone simulator, texting instead, sign-out. */
export function TopBar({
  config,
  session,
  isPhone,
  onSignOut,
}: {
  config: PublicConfig;
  session: Session;
  isPhone: boolean;
  onSignOut: () => void;
}) {
  const smsHref = `sms:${config.smsNumber}?&body=${encodeURIComponent(`Hi, it's ${session.user.name}!`)}`;
  return (
    <header className="topbar">
      <strong>Chatty</strong>
      <span className="who">Signed in as {session.user.name}</span>
      {config.phoneSimulatorUrl && (
        <a href={config.phoneSimulatorUrl} target="_blank" rel="noreferrer">
          Phone simulator
        </a>
      )}
      {isPhone && <a href={smsHref}>Text us instead</a>}
      <button type="button" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}
