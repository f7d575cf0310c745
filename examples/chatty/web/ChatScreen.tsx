import { useEffect, useState } from 'react';
import { StreamChat } from 'stream-chat';
import {
  Channel,
  ChannelHeader,
  Chat,
  MessageComposer,
  MessageList,
  Thread,
  Window,
} from 'stream-chat-react';
import type { PublicConfig } from './api.js';
import type { Session } from './session.js';

/** On a phone, texting may be easier than the web chat. */
function useIsPhone(): boolean {
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

/** The chat itself, connected as the signed-up user. */
export function ChatScreen({
  config,
  session,
  onSignOut,
}: {
  config: PublicConfig;
  session: Session;
  onSignOut: () => void;
}) {
  const [client, setClient] = useState<StreamChat | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const isPhone = useIsPhone();

  useEffect(() => {
    const chat = new StreamChat(
      config.apiKey,
      config.streamBaseUrl ? { baseURL: config.streamBaseUrl } : {},
    );
    let cancelled = false;
    chat
      .connectUser({ id: session.user.id }, session.token)
      .then(() => !cancelled && setClient(chat))
      .catch(
        () => !cancelled && setFailure('Could not connect to the chat. Sign out and in again.'),
      );
    return () => {
      cancelled = true;
      void chat.disconnectUser();
    };
  }, [config, session]);

  const smsHref = `sms:${config.smsNumber}?&body=${encodeURIComponent(`Hi, it's ${session.user.name}!`)}`;
  return (
    <div className="chat-screen">
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
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {client ? (
        <Chat client={client}>
          <Channel channel={client.channel(config.channel.type, config.channel.id)}>
            <Window>
              <ChannelHeader />
              <MessageList />
              <MessageComposer />
            </Window>
            <Thread />
          </Channel>
        </Chat>
      ) : (
        !failure && <p className="loading">Connecting…</p>
      )}
    </div>
  );
}
