import type { ChatMessage } from '../interfaces.js';
import { BRIDGE_SOURCE_FIELD } from '../message-source.js';
import { ensureBotMember } from './chat-users.js';
import type { CallContext } from './context.js';

/**
 * Lets the bot answer a new chat message: posted as the bot, marked as a bot's post (so no bot
 * answers it), mentioning the author (so an SMS author is texted the answer), in the same thread,
 * with an id derived from the message so a retried webhook cannot answer twice.
 */
export async function answerWithBot(
  message: ChatMessage,
  { config }: CallContext,
): Promise<boolean> {
  const { bot } = config;
  if (!bot) return false;
  const answer = await bot.respond({ message });
  if (!answer) return false;
  await ensureBotMember(config);
  await config.chat.postMessage(config.channel, {
    id: `bot-${bot.id}-${message.id}`.slice(0, 255),
    userId: bot.id,
    text: answer,
    mentionedUserIds: [message.author.id],
    custom: { [BRIDGE_SOURCE_FIELD]: 'bot' },
    ...(message.parentId ? { parentId: message.parentId } : {}),
  });
  return true;
}
