/// <reference types="vite/client" />
// The smallest real stream-chat-react app: the tree the acceptance test names, pointed at the
// emulator through the query string (apiKey, baseURL, userId, token, channel type and id).
import { createRoot } from 'react-dom/client';
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
import 'stream-chat-react/dist/css/index.css';

const params = new URLSearchParams(location.search);

function required(name: string): string {
  const value = params.get(name);
  if (!value) throw new Error(`missing query parameter "${name}"`);
  return value;
}

async function main(): Promise<void> {
  const client = new StreamChat(required('apiKey'), { baseURL: required('baseURL') });
  await client.connectUser({ id: required('userId') }, required('token'));
  const channel = client.channel(required('channelType'), required('channelId'));
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root element');
  createRoot(root).render(
    <Chat client={client}>
      <Channel channel={channel}>
        <Window>
          <ChannelHeader />
          <MessageList />
          <MessageComposer />
        </Window>
        <Thread />
      </Channel>
    </Chat>,
  );
}

main().catch((error: unknown) => {
  document.body.dataset.startupError = String(error);
  console.error('fixture failed to start:', error);
});
