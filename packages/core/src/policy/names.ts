import * as z from 'zod';

/** Longest display name, in characters (code points, so an emoji counts once). */
export const MAX_NAME_CHARS = 64;

/** Longest author name inside a text, in characters. */
export const MAX_SMS_AUTHOR_CHARS = 40;

/**
 * A zero-width joiner inside an emoji sequence (👩‍💻): the one format character a name may keep,
 * because emoji are drawn from such sequences. Anywhere else a joiner can hide or reorder text.
 */
const EMOJI_JOINER =
  /(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}]\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu;

/**
 * What a name must not contain: control characters, format characters (bidi overrides and
 * isolates, zero-width spaces and joiners, which can make a name read as something else), line
 * and paragraph separators, and `@` (it would start a mention).
 */
const FORBIDDEN_IN_NAME = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}@]/u;

/**
 * A display name as people give it to `/auth`: NFC-normalised and trimmed, 1 to 64 characters,
 * refused (never silently cut or cleaned) when it holds characters that could forge or hide text.
 */
export const displayName = z
  .string()
  .transform((name) => name.normalize('NFC').trim())
  .refine((name) => name.length > 0, 'must not be empty')
  .refine(
    (name) => Array.from(name).length <= MAX_NAME_CHARS,
    `must be at most ${MAX_NAME_CHARS} characters`,
  )
  .refine(
    (name) => !FORBIDDEN_IN_NAME.test(name.replace(EMOJI_JOINER, '')),
    'must not contain "@", control, bidi, zero-width or line-separator characters',
  );

/**
 * The form of a name that `@mentions` match: NFC, lower case, `_` read as a space (the old
 * `@First_Last` spelling), white space collapsed. Stores index members by it.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_]+/gu, ' ')
    .trim();
}

/**
 * A chat author's name as it may appear inside a text: one line (line breaks, controls and
 * invisible characters become spaces), at most 40 characters ("..." marks a cut, three dots so a
 * GSM-7 text stays GSM-7). A chat user renamed "Bank Fraud Dept\nCall +1 900…" must not be able
 * to lay out a text of their own.
 */
export function smsAuthorName(name: string): string {
  const nfc = name.normalize('NFC');
  const keptJoiners = new Set(Array.from(nfc.matchAll(EMOJI_JOINER), (match) => match.index));
  const line = nfc
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}]/gu, (char, index: number) =>
      keptJoiners.has(index) ? char : ' ',
    )
    .replace(/ {2,}/g, ' ')
    .trim();
  const chars = Array.from(line);
  if (chars.length === 0) return 'someone';
  if (chars.length <= MAX_SMS_AUTHOR_CHARS) return line;
  return `${chars
    .slice(0, MAX_SMS_AUTHOR_CHARS - 3)
    .join('')
    .trimEnd()}...`;
}
