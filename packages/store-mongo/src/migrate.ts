import { nameKey } from '@smsbridge/core';
import type { Op, StoreCollections } from './collections.js';

const BATCH = 500;
/** How long v1 delivery records (kept forever by v1) live on: the bridge's default, 30 days. */
const V1_DELIVERY_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * Brings documents written by v1 up to date when the store starts: members get their `nameKey`
 * (without it no `@Name` finds them), delivery records an `expiresAt`. Only documents that lack
 * the field are touched, so once done this is one indexed query; a migration cut short (by
 * `timeoutMS`) goes on where it stopped on the next call. v1 codes (hashes only) are not
 * migrated: they count as no code, and the member asks for a new one.
 */
export async function migrateV1Documents({ members, deliveries }: StoreCollections, op: Op) {
  for (;;) {
    const batch = await members
      .find(
        { nameKey: { $exists: false } },
        { ...op, projection: { _id: 1, name: 1 }, limit: BATCH },
      )
      .toArray();
    if (batch.length === 0) break;
    await members.bulkWrite(
      batch.map((doc) => ({
        updateOne: {
          // Only if still unkeyed and unrenamed: a newer write has set the right key itself.
          filter: { _id: doc._id, name: doc.name, nameKey: { $exists: false } },
          update: { $set: { nameKey: nameKey(doc.name) } },
        },
      })),
      { ...op, ordered: false },
    );
    if (batch.length < BATCH) break;
  }
  await deliveries.updateMany(
    { expiresAt: { $exists: false } },
    { $set: { expiresAt: new Date(Date.now() + V1_DELIVERY_TTL_MS) } },
    op,
  );
}
