import type { NameMatch } from '@smsbridge/core';

/** Adds `value` to the set at `key`, creating it. */
function addTo(map: Map<string, Set<string>>, key: string, value: string) {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** Removes `value` from the set at `key`, dropping the set once empty. */
function removeFrom(map: Map<string, Set<string>>, key: string, value: string) {
  const set = map.get(key);
  set?.delete(value);
  if (set?.size === 0) map.delete(key);
}

/**
 * Phones by name key, for `@Name` lookups that cost the same with ten members or 100,000: one map
 * from a whole name key to its phones, and one from each whole-word start of a name key
 * (`ada`, `ada king` of `ada king lovelace`) to the phones whose name goes on after it.
 */
export class NameIndex {
  private readonly exact = new Map<string, Set<string>>();
  private readonly prefixes = new Map<string, Set<string>>();

  /** The whole-word starts of a key, shortest first, the key itself excluded. */
  private static starts(key: string): string[] {
    const words = key.split(' ');
    return words.slice(1).map((_, index) => words.slice(0, index + 1).join(' '));
  }

  add(key: string, phone: string): void {
    if (key === '') return;
    addTo(this.exact, key, phone);
    for (const start of NameIndex.starts(key)) addTo(this.prefixes, start, phone);
  }

  remove(key: string, phone: string): void {
    removeFrom(this.exact, key, phone);
    for (const start of NameIndex.starts(key)) removeFrom(this.prefixes, start, phone);
  }

  /** The phones whose name key is `key` (`exact`) or goes on after `key` and a space (`prefix`). */
  find(key: string, match: NameMatch): Iterable<string> {
    return (match === 'exact' ? this.exact : this.prefixes).get(key) ?? [];
  }
}
