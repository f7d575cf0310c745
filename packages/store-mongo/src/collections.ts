import type { Collection, CommandOperationOptions, Db } from 'mongodb';

/** Documents as stored. `_id` is the natural key where there is one (a dedupe key, a phone). */
export interface MemberDoc {
  id: string;
  name: string;
  /** `nameKey(name)`, indexed for `@Name` lookups. Members written by v1 get it on first start. */
  nameKey?: string;
  phone: string;
  status: 'active' | 'opted_out';
  verified: boolean;
  image?: string;
  createdAt: Date;
  updatedAt: Date;
}
/** A dedupe key, or the marker `code-used|<codeId>` that a code was consumed. */
export interface KeyDoc {
  _id: string;
  expiresAt: Date;
}
export interface CodeDoc {
  _id: string;
  /** Identifies this code (a new code for the phone gets a new one), so old attempts never count. */
  codeId: string;
  phone: string;
  /** Absent on codes written by v1 (which kept a hash): those count as no code. */
  code?: string;
  name: string;
  expiresAt: Date;
  createdAt: Date;
}
/**
 * One counted event: a code attempt or a rate-limit hit. `_id` is `series|n`; the unique `_id`
 * makes numbering atomic even on servers whose `$inc` is not (FerretDB 1.x loses concurrent
 * increments), so counts are exact under any race.
 */
export interface TallyDoc {
  _id: string;
  series: string;
  n: number;
  expiresAt: Date;
}
export interface DeliveryDoc {
  _id: string;
  memberId: string;
  status: string;
  errorCode?: number | string;
  updatedAt: Date;
  expiresAt: Date;
}

/** The store's five collections, named with the configured prefix. */
export interface StoreCollections {
  members: Collection<MemberDoc>;
  keys: Collection<KeyDoc>;
  codes: Collection<CodeDoc>;
  tallies: Collection<TallyDoc>;
  deliveries: Collection<DeliveryDoc>;
}

export function storeCollections(db: Db, prefix: string): StoreCollections {
  return {
    members: db.collection<MemberDoc>(`${prefix}members`),
    keys: db.collection<KeyDoc>(`${prefix}dedupe_keys`),
    codes: db.collection<CodeDoc>(`${prefix}verification_codes`),
    tallies: db.collection<TallyDoc>(`${prefix}tallies`),
    deliveries: db.collection<DeliveryDoc>(`${prefix}deliveries`),
  };
}

/** The collections whose documents expire, each on its `expiresAt`. */
export const EXPIRING = ['keys', 'codes', 'tallies', 'deliveries'] as const;

/**
 * What every driver call of one store call gets: that call's abort signal (see `bounded`).
 * `signal` is typed on the driver's reads only, but every operation honours it.
 */
export type Op = CommandOperationOptions & { signal: AbortSignal };

/** MongoDB's duplicate-key error: an outcome (someone else got there first), not a failure. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown }).code === 11000;
}

/**
 * Runs an upsert again once when it lost a race to insert: on servers where upserts are not
 * atomic (FerretDB) two first writes both try to insert, and the unique key refuses one; run
 * again, it finds the winner's document and updates it.
 */
export async function upsertRacing<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return await upsert();
  }
}
