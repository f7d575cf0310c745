import type { Collection, Db } from 'mongodb';

/** Documents as stored. `_id` is the natural key where there is one (a dedupe key, a phone). */
export interface MemberDoc {
  id: string;
  name: string;
  phone: string;
  status: 'active' | 'opted_out';
  verified: boolean;
  image?: string;
  createdAt: Date;
  updatedAt: Date;
}
export interface KeyDoc {
  _id: string;
  expiresAt: Date;
}
export interface CodeDoc {
  _id: string;
  /** Identifies this code (a new code for the phone gets a new one), so old attempts never count. */
  codeId: string;
  phone: string;
  codeHash: string;
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
  errorCode?: number;
  updatedAt: Date;
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

/** The expiring collections and the date field each expires on. */
export const EXPIRING: readonly { name: 'keys' | 'codes' | 'tallies'; field: string }[] = [
  { name: 'keys', field: 'expiresAt' },
  { name: 'codes', field: 'expiresAt' },
  { name: 'tallies', field: 'expiresAt' },
];

/** MongoDB's duplicate-key error: an outcome (someone else got there first), not a failure. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown }).code === 11000;
}
