import type { Bot, BotContext } from '../interfaces.js';
import { OFFLINE_QUOTES } from './offline-quotes.js';

/** Options of {@link createQuoteBot}. */
export interface QuoteBotOptions {
  /** The bot's chat user id. */
  id: string;
  /** Its display name, e.g. `Chatty Kathy`. */
  name: string;
  image?: string | undefined;
  /** Quotes to pick from, or a function fetching one (e.g. from an API). Default: an offline list. */
  quotes?: readonly string[] | (() => Promise<string>) | undefined;
  /**
   * Answer every human message, or only those that mention the bot (`@Chatty Kathy`). Default
   * `'mention'`.
   */
  trigger?: 'every-message' | 'mention' | undefined;
  /** How long a quote function may take before the offline list is used. Default 2000 ms. */
  timeoutMs?: number | undefined;
}

function pick(quotes: readonly string[]): string {
  return quotes[Math.floor(Math.random() * quotes.length)] ?? OFFLINE_QUOTES[0] ?? '';
}

async function withTimeout(
  source: () => Promise<string>,
  timeoutMs: number,
): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    const quote = await Promise.race([source().catch(() => undefined), timeout]);
    return typeof quote === 'string' && quote.trim() !== '' ? quote.trim() : undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The tutorial's "Chatty Kathy": answers `@Author <quote>`, mentioning the author so an SMS
 * member gets the answer by text. It never answers itself or any bot's post (posts the bridge
 * marks as a bot's), so two bots cannot loop, and a slow quote source falls back to the offline
 * list instead of holding up the webhook.
 */
export function createQuoteBot(options: QuoteBotOptions): Bot {
  const trigger = options.trigger ?? 'mention';
  const timeoutMs = options.timeoutMs ?? 2_000;
  const bot: Bot = {
    id: options.id,
    name: options.name,
    async respond({ message }: BotContext) {
      if (message.source === 'bot' || message.author.id === options.id) return undefined;
      if (trigger === 'mention' && !message.mentioned.some((user) => user.id === options.id))
        return undefined;
      const { quotes } = options;
      const quote =
        typeof quotes === 'function'
          ? ((await withTimeout(quotes, timeoutMs)) ?? pick(OFFLINE_QUOTES))
          : pick(quotes && quotes.length > 0 ? quotes : OFFLINE_QUOTES);
      return `@${message.author.name} ${quote}`;
    },
  };
  if (options.image) bot.image = options.image;
  return bot;
}
