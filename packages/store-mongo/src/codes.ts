import { randomUUID } from 'node:crypto';
import type { VerificationCode } from '@smsbridge/core';
import { type CodeDoc, isDuplicateKey, type Op, type StoreCollections } from './collections.js';
import { countOne } from './tally.js';

type NewCode = Omit<VerificationCode, 'attempts' | 'createdAt'>;

/** The marker, in the dedupe keys, that a code was consumed: inserting it decides who consumes. */
const usedKey = (doc: CodeDoc) => `code-used|${doc.codeId}`;
const attemptSeries = (doc: CodeDoc) => `code:${doc.codeId}`;

function toCode(doc: CodeDoc, attempts: number): VerificationCode {
  return {
    phone: doc.phone,
    code: doc.code as string,
    name: doc.name,
    expiresAt: doc.expiresAt,
    attempts,
    createdAt: doc.createdAt,
  };
}

/**
 * Whether a stored code is in force: a v2 code (v1 kept only a hash), not expired, and not
 * consumed. The marker is checked too because consuming is two writes, marker then delete: if
 * the delete never happened (the database went away between them), the code is used all the same.
 */
async function inForce({ keys }: StoreCollections, doc: CodeDoc, op: Op): Promise<boolean> {
  if (typeof doc.code !== 'string' || doc.expiresAt.getTime() <= Date.now()) return false;
  return (await keys.findOne({ _id: usedKey(doc) }, op)) === null;
}

async function liveCode(collections: StoreCollections, phone: string, op: Op) {
  const doc = await collections.codes.findOne({ _id: phone }, op);
  return doc && (await inForce(collections, doc, op)) ? doc : undefined;
}

const attemptsOf = ({ tallies }: StoreCollections, doc: CodeDoc, op: Op) =>
  tallies.countDocuments({ series: attemptSeries(doc) }, op);

/**
 * Keeps the code in force or stores `code`. Only an insert against the phone's `_id` decides
 * which code is stored, so of racing calls one code wins and the losers read it; a code that is
 * no longer in force is deleted by its own `codeId` first, never a newer one.
 */
export async function issueCode(
  collections: StoreCollections,
  code: NewCode,
  op: Op,
): Promise<VerificationCode> {
  const { codes } = collections;
  for (let tries = 0; tries < 5; tries += 1) {
    const found = await codes.findOne({ _id: code.phone }, op);
    if (found && (await inForce(collections, found, op))) {
      return toCode(found, await attemptsOf(collections, found, op));
    }
    if (found) await codes.deleteOne({ _id: code.phone, codeId: found.codeId }, op);
    const doc: CodeDoc = {
      _id: code.phone,
      codeId: randomUUID(),
      phone: code.phone,
      code: code.code,
      name: code.name,
      expiresAt: code.expiresAt,
      createdAt: new Date(),
    };
    try {
      await codes.insertOne(doc, op);
      return toCode(doc, 0);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw new Error('[smsbridge] [store-mongo] Could not issue a code: too many racing issues.');
}

/** Counts an attempt as a numbered insert, at most `maxAttempts + 1` of them per code. */
export async function recordCodeAttempt(
  collections: StoreCollections,
  phone: string,
  maxAttempts: number,
  op: Op,
): Promise<VerificationCode | undefined> {
  const doc = await liveCode(collections, phone, op);
  if (!doc) return undefined;
  const series = attemptSeries(doc);
  return toCode(
    doc,
    await countOne(collections.tallies, series, doc.expiresAt, maxAttempts + 1, op),
  );
}

/**
 * Consumes the code if it matches: the marker insert decides which of parallel calls gets it
 * (FerretDB's `findOneAndDelete` is not to be trusted with that), then the code is deleted.
 */
export async function consumeCode(
  collections: StoreCollections,
  phone: string,
  given: string,
  op: Op,
): Promise<VerificationCode | undefined> {
  const doc = await liveCode(collections, phone, op);
  if (!doc || doc.code !== given) return undefined;
  try {
    await collections.keys.insertOne({ _id: usedKey(doc), expiresAt: doc.expiresAt }, op);
  } catch (error) {
    if (isDuplicateKey(error)) return undefined;
    throw error;
  }
  await collections.codes.deleteOne({ _id: phone, codeId: doc.codeId }, op);
  return toCode(doc, await attemptsOf(collections, doc, op));
}
