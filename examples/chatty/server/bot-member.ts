import { StreamChat } from 'stream-chat';
import type { ChattyServices } from './services.js';

/**
 * Makes Chatty's bot a chat user and a member of the channel as the server starts. The bot
 * answers only messages that @mention it, and the composer suggests only channel members: a bot
 * that joined on its first answer (as the bridge does it) could never be mentioned at all.
 * Idempotent: creating an existing channel or adding a member twice changes nothing.
 */
export async function addBotToChannel(
  services: ChattyServices,
  channel: { type: string; id: string; name: string },
): Promise<void> {
  const { stream, bot } = services;
  const client = new StreamChat(
    stream.apiKey,
    stream.apiSecret,
    stream.baseURL ? { baseURL: stream.baseURL } : {},
  );
  await client.upsertUser({
    id: bot.id,
    name: bot.name,
    ...(bot.image ? { image: bot.image } : {}),
  });
  // `name` is a custom field to the SDK's types; the channel is named as the bridge names it.
  const data: Record<string, unknown> = {
    created_by_id: bot.id,
    name: channel.name,
    members: [bot.id],
  };
  const handle = client.channel(channel.type, channel.id, data);
  await handle.create();
  // create() adds members only to a new channel; an existing one gets the bot here.
  await handle.addMembers([bot.id]);
}
