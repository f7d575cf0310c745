/**
 * Fills `{name}` placeholders from `values`; unknown placeholders are left as written so a typo
 * in a custom template shows up instead of silently vanishing.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * Cuts `text` to at most `maxChars` characters, ending with "…" when cut. Counts code points,
 * so an emoji is never split into half a surrogate pair.
 */
export function truncateForSms(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  return `${chars
    .slice(0, Math.max(0, maxChars - 1))
    .join('')
    .trimEnd()}…`;
}
