import type { BridgeConfig } from '../bridge-config.js';
import {
  findMentionSites,
  type Mentionable,
  type MentionSite,
  type ResolvedMention,
  rewriteMentions,
} from '../policy/mentions.js';
import { nameKey } from '../policy/names.js';
import type { NameMatch } from '../store.js';

/** Two are enough to know a name is ambiguous. */
const ENOUGH_TO_TELL = 2;

/** Members (and the bot: it is a channel member too) whose name matches `key`. */
async function named(key: string, match: NameMatch, config: BridgeConfig): Promise<Mentionable[]> {
  const found: Mentionable[] = await config.store.findMembersByName(key, match, ENOUGH_TO_TELL);
  const { bot } = config;
  if (bot) {
    const botKey = nameKey(bot.name);
    if (match === 'exact' ? botKey === key : botKey.startsWith(`${key} `)) found.push(bot);
  }
  return found;
}

/**
 * Who one `@` names: the longest phrase after it that is someone's whole name, or the start of
 * exactly one person's name ("@Alice" for the only Alice). A phrase two people share names
 * nobody rather than texting the wrong one.
 */
async function resolveSite(
  site: MentionSite,
  config: BridgeConfig,
): Promise<ResolvedMention | undefined> {
  for (const phrase of site.phrases) {
    for (const match of ['exact', 'prefix'] as const) {
      const found = await named(phrase.key, match, config);
      if (found.length > 1) return undefined;
      const [member] = found;
      if (member) return { start: site.start, end: phrase.end, member };
    }
  }
  return undefined;
}

/**
 * The `@mentions` of a member's text, found with indexed lookups of the words after each `@`
 * (never a list of every member, so a text costs the same with ten members or 100,000), and the
 * text with each written as `@Full Name`, as web clients write and highlight mentions.
 */
export async function resolveMentions(
  text: string,
  config: BridgeConfig,
): Promise<{ text: string; mentionedUserIds: string[] }> {
  const resolved: ResolvedMention[] = [];
  for (const site of findMentionSites(text)) {
    const mention = await resolveSite(site, config);
    if (mention) resolved.push(mention);
  }
  return {
    text: rewriteMentions(text, resolved),
    mentionedUserIds: [...new Set(resolved.map((mention) => mention.member.id))],
  };
}
