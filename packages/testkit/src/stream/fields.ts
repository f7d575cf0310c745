import { inputError } from './errors.js';

/** The value as a plain object, or `{}` (request bodies are untrusted JSON). */
export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The value when it is a non-empty string. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Ids from `["a", "b"]` or `[{user_id: "a"}, {id: "b"}]`, the two forms the SDK sends. */
export function asIdList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item) =>
      typeof item === 'string'
        ? item
        : (asString(asRecord(item).user_id) ?? asString(asRecord(item).id)),
    )
    .filter((id): id is string => Boolean(id));
}

/** Parses the `payload` query parameter GET endpoints carry their JSON arguments in. */
export function queryPayload(query: URLSearchParams, call: string): Record<string, unknown> {
  const raw = query.get('payload');
  if (!raw) return {};
  try {
    return asRecord(JSON.parse(raw));
  } catch {
    throw inputError(call, 'payload is not valid JSON');
  }
}

/**
 * Whether a record matches Stream filter conditions, for the operators the emulated queries
 * support: equality, `$eq`, `$in`, `$ne`, `$autocomplete` (case-insensitive substring), `$and`.
 */
export function matchesFilter(
  record: Record<string, unknown>,
  filter: Record<string, unknown>,
): boolean {
  return Object.entries(filter).every(([field, condition]) => {
    if (field === '$and' && Array.isArray(condition)) {
      return condition.every((part) => matchesFilter(record, asRecord(part)));
    }
    const value = record[field];
    const operators = asRecord(condition);
    if (Object.keys(operators).length === 0 || Array.isArray(condition)) return value === condition;
    return Object.entries(operators).every(([operator, operand]) => {
      switch (operator) {
        case '$eq':
          return value === operand;
        case '$ne':
          return value !== operand;
        case '$in':
          return Array.isArray(operand) && operand.includes(value);
        case '$autocomplete':
          return (
            typeof value === 'string' &&
            typeof operand === 'string' &&
            value.toLowerCase().includes(operand.toLowerCase())
          );
        default:
          throw inputError('Query', `filter operator ${operator} is not supported by the emulator`);
      }
    });
  });
}

/** Applies `limit` (default 30, max 100 like Stream) and `offset`. */
export function paginate<T>(items: T[], payload: Record<string, unknown>): T[] {
  const limit = Math.min(typeof payload.limit === 'number' ? payload.limit : 30, 100);
  const offset = typeof payload.offset === 'number' ? payload.offset : 0;
  return items.slice(offset, offset + limit);
}
