import { createRequire } from 'node:module';

/** The slice of the stream-chat server client the transport uses. */
export interface StreamServerClient {
  queryUsers(filter: Record<string, unknown>): Promise<{ users: { id: string }[] }>;
  upsertUsers(users: Record<string, unknown>[]): Promise<unknown>;
  partialUpdateUsers(updates: { id: string; set: Record<string, unknown> }[]): Promise<unknown>;
  channel(
    type: string,
    id: string,
    data?: Record<string, unknown>,
  ): {
    create(): Promise<unknown>;
    addMembers(userIds: string[]): Promise<unknown>;
    sendMessage(message: Record<string, unknown>): Promise<unknown>;
  };
  createToken(userId: string, exp?: number): string;
}

type StreamChatConstructor = new (
  apiKey: string,
  apiSecret: string,
  options: Record<string, unknown>,
) => StreamServerClient;

const require = createRequire(import.meta.url);

/**
 * `stream-chat`, loaded the first time the bridge talks to Stream (~170 ms): never on the
 * webhook paths that only verify and read, so a cold `/chat` stays cheap.
 */
export function loadStreamChat(): StreamChatConstructor {
  try {
    return (require('stream-chat') as { StreamChat: StreamChatConstructor }).StreamChat;
  } catch (error) {
    throw new Error(
      '[smsbridge] [core/stream] The Stream transport needs the "stream-chat" package: npm install stream-chat',
      { cause: error },
    );
  }
}
