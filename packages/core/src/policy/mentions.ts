import { nameKey } from './names.js';

/** Someone an `@Name` may refer to. */
export interface Mentionable {
  id: string;
  name: string;
}

/** A phrase after an `@`: the name key it would match and where it ends in the text. */
export interface MentionPhrase {
  key: string;
  /** Index just past the phrase in the text. */
  end: number;
}

/** One `@` in a text and the phrases after it that may be a name, longest first. */
export interface MentionSite {
  /** Index of the `@`. */
  start: number;
  phrases: MentionPhrase[];
}

/** Longest name, in words, an `@` is read as (display names are at most 64 characters). */
const MAX_NAME_WORDS = 6;
/** Mentions resolved in one text; more are left as written. */
export const MAX_MENTIONS_PER_TEXT = 10;

/** An `@` that starts a mention: at the start or after something that is not part of a word. */
const AT = /(?<![\p{L}\p{N}_])@/gu;
/** A word of a name: letters, marks, digits, `_` (old `@First_Last`), `.`, `'`, `-`. */
const WORD = /[\p{L}\p{M}\p{N}_.'’-]+/uy;
/** Punctuation that ends a sentence more often than a name: "@Bob." "@Bob's" stays. */
const TRAILING = /[.'’-]+$/u;

/**
 * The `@` mentions in a text, each with the phrases that may be a name: one word, two words, …
 * up to six, as name keys (see `nameKey`), longest first, so that the longest name that matches
 * wins. `@First_Last` reads as `@First Last`; e-mail addresses are not mentions.
 */
export function findMentionSites(text: string): MentionSite[] {
  const sites: MentionSite[] = [];
  for (const match of text.matchAll(AT)) {
    if (sites.length === MAX_MENTIONS_PER_TEXT) break;
    const start = match.index;
    const phrases: MentionPhrase[] = [];
    const words: string[] = [];
    WORD.lastIndex = start + 1;
    for (let word = WORD.exec(text); word; word = WORD.exec(text)) {
      const trimmed = word[0].replace(TRAILING, '');
      if (trimmed === '') break;
      words.push(trimmed);
      phrases.push({ key: nameKey(words.join(' ')), end: word.index + trimmed.length });
      // A name goes on across single spaces only, and ends at sentence punctuation.
      if (trimmed !== word[0] || text[WORD.lastIndex] !== ' ' || words.length === MAX_NAME_WORDS)
        break;
      WORD.lastIndex += 1;
    }
    if (phrases.length > 0) sites.push({ start, phrases: phrases.reverse() });
  }
  return sites;
}

/** A resolved mention: the site, where the matched phrase ends, and who it names. */
export interface ResolvedMention {
  start: number;
  end: number;
  member: Mentionable;
}

/**
 * The text with each resolved mention written as `@` + the member's name, so web clients
 * highlight it as they do their own mentions.
 */
export function rewriteMentions(text: string, mentions: readonly ResolvedMention[]): string {
  let rewritten = '';
  let position = 0;
  for (const mention of [...mentions].sort((a, b) => a.start - b.start)) {
    if (mention.start < position) continue;
    rewritten += `${text.slice(position, mention.start)}@${mention.member.name}`;
    position = mention.end;
  }
  return rewritten + text.slice(position);
}
