import type { ChatMessage } from '../interfaces.js';
import { BRIDGE_NO_TEXT_FIELD, BRIDGE_SOURCE_FIELD } from '../message-source.js';
import { ensureBotMember } from './chat-users.js';
import type { CallContext } from './context.js';

/**
 * Whether the bot may be asked about `message` at all. Decided here, before `respond` is called,
 * so a bot that forgets to check cannot answer its own posts (or another bot's) in a loop.
 */
function mayAsk(message: ChatMessage, { config }: CallContext): boolean {
  const { bot } = config;
  return (
    bot !== undefined &&
    message.source !== 'bot' &&
    message.author.id !== bot.id &&
    message.author.id !== config.systemUserId
  );
}

/**
 * Lets the bot answer a new chat message, once: a claim on (bot, message) guards it, released if
 * the bot or the post fails so Stream's retry can try again. The answer is posted as the bot,
 * marked as a bot's post, mentioning the author, in the same thread, with an id derived from
 * the message. The author is texted the answer only if their message asked the bot (mentioned
 * it): a bot that answers every message must not text SMS members after each of their texts.
 */
export async function answerWithBot(message: ChatMessage, context: CallContext): Promise<boolean> {
  const { bot, store, chat, channel, dedupeTtlSeconds } = context.config;
  if (!bot || !mayAsk(message, context)) return false;
  const key = `bot:${bot.id}:${message.id}`;
  if (!(await store.claimKey(key, dedupeTtlSeconds))) return false;
  try {
    const answer = await bot.respond({ message });
    if (!answer) return false;
    await ensureBotMember(context.config);
    const asked = message.mentioned.some((user) => user.id === bot.id);
    await chat.postMessage(channel, {
      id: `bot-${bot.id}-${message.id}`.slice(0, 255),
      userId: bot.id,
      text: answer,
      mentionedUserIds: [message.author.id],
      custom: {
        [BRIDGE_SOURCE_FIELD]: 'bot',
        ...(asked ? {} : { [BRIDGE_NO_TEXT_FIELD]: [message.author.id] }),
      },
      ...(message.parentId ? { parentId: message.parentId } : {}),
    });
    return true;
  } catch (error) {
    await store.releaseKey(key).catch(() => {});
    throw error;
  }
}
