import { useEffect, useMemo, useState } from 'react';
import { StreamChat } from 'stream-chat';
import {
  Channel,
  Chat,
  ChatView,
  MessageComposer,
  MessageList,
  SkipNavigation,
  Thread,
  Window,
  WithComponents,
} from 'stream-chat-react';
import type { PublicConfig } from '../api.js';
import type { Session } from '../session.js';
import { ChannelHeader } from './ChannelHeader.js';
import { SuggestionListWithMarks } from './MentionItem.js';
import { BotIdContext } from './marks.js';
import { TopBar, useIsPhone } from './TopBar.js';
import { TranslationIndicatorWithSmsMark } from './ViaSms.js';

/** The message box's id: the skip link's target. */
const MESSAGE_BOX_ID = 'chatty-message-box';

/** Chatty's changes to stream-chat-react's components (marks on texts and in @mentions). */
const overrides = {
  AutocompleteSuggestionList: SuggestionListWithMarks,
  MessageTranslationIndicator: TranslationIndicatorWithSmsMark,
};

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

  const channel = useMemo(
    () => client?.channel(config.channel.type, config.channel.id),
    [client, config.channel],
  );
  return (
    <div className="chat-screen">
      {/* First in the tab order: the message box is one Tab and Enter away. */}
      {channel && (
        <SkipNavigation
          targetIds={[MESSAGE_BOX_ID]}
          getLinkLabel={() => 'Skip to the message box'}
        />
      )}
      <TopBar config={config} session={session} isPhone={isPhone} onSignOut={onSignOut} />
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {client && channel ? (
        <Chat client={client}>
          {/* Thread and its header expect a ChatView around them (else a warning per render). */}
          <ChatView>
            <ChatView.Channels>
              <BotIdContext.Provider value={config.bot.id}>
                <WithComponents overrides={overrides}>
                  <Channel channel={channel}>
                    <Window>
                      <ChannelHeader fallbackName={config.channel.name} />
                      <MessageList />
                      {/* Focused when the chat opens, except on phones (no keyboard pop-up). */}
                      <MessageComposer
                        focus={!isPhone}
                        additionalTextareaProps={{ id: MESSAGE_BOX_ID }}
                      />
                    </Window>
                    <Thread />
                  </Channel>
                </WithComponents>
              </BotIdContext.Provider>
            </ChatView.Channels>
          </ChatView>
        </Chat>
      ) : (
        !failure && <p className="loading">Connecting…</p>
      )}
    </div>
  );
}
