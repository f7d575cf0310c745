/** Someone an `@Name` may refer to. */
export interface Mentionable {
  id: string;
  name: string;
}

/** `@Name` tokens: letters, digits, `_`, `.`, `-` (spaces in names are written as `_`). */
const MENTION = /(^|[^\p{L}\p{N}_])@([\p{L}\p{N}_.-]+)/gu;

function mentionKey(name: string): string {
  return name.trim().replace(/\s+/g, '_').toLowerCase();
}

/**
 * The ids of members `@mentioned` in an SMS, case-insensitive, `@First_Last` for names with
 * spaces. A name two members share resolves to nobody rather than texting the wrong person.
 * Trailing punctuation (`@Bob,` `@Bob!`) is not part of the name.
 */
export function resolveMentions(text: string, members: readonly Mentionable[]): string[] {
  const byName = new Map<string, string | null>();
  for (const member of members) {
    const key = mentionKey(member.name);
    byName.set(key, byName.has(key) && byName.get(key) !== member.id ? null : member.id);
  }
  const ids: string[] = [];
  for (const match of text.matchAll(MENTION)) {
    const raw = (match[2] ?? '').replace(/[.-]+$/, '');
    const id = byName.get(raw.toLowerCase());
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}
