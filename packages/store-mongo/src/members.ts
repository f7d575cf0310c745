import {
  type Member,
  type MemberInput,
  type MemberStatus,
  type NameMatch,
  nameKey,
} from '@smsbridge/core';
import type { Collection } from 'mongodb';
import { type MemberDoc, type Op, upsertRacing } from './collections.js';

export function toMember(doc: MemberDoc | null): Member | undefined {
  if (!doc) return undefined;
  const member: Member = {
    id: doc.id,
    name: doc.name,
    phone: doc.phone,
    status: doc.status,
    verified: doc.verified,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
  if (doc.image !== undefined) member.image = doc.image;
  return member;
}

/**
 * Creates or updates the member for a phone, keeping the name key in step with the name. The
 * unique phone index decides between racing first sign-ups.
 */
export async function upsertMember(
  members: Collection<MemberDoc>,
  input: MemberInput,
  op: Op,
): Promise<Member> {
  const now = new Date();
  const set: Partial<MemberDoc> = {
    name: input.name,
    nameKey: nameKey(input.name),
    verified: input.verified,
    updatedAt: now,
  };
  if (input.image !== undefined) set.image = input.image;
  const doc = await upsertRacing(() =>
    members.findOneAndUpdate(
      { phone: input.phone },
      {
        $set: set,
        $setOnInsert: { id: input.newId, phone: input.phone, status: 'active', createdAt: now },
      },
      { ...op, upsert: true, returnDocument: 'after' },
    ),
  );
  return toMember(doc) as Member;
}

export async function setMemberStatus(
  members: Collection<MemberDoc>,
  phone: string,
  status: MemberStatus,
  op: Op,
): Promise<Member | undefined> {
  const doc = await members.findOneAndUpdate(
    { phone },
    { $set: { status, updatedAt: new Date() } },
    { ...op, returnDocument: 'after' },
  );
  return toMember(doc);
}

/**
 * `@Name` lookups on the `nameKey` index. A prefix is the range from `key + ' '` up to
 * `key + '!'` (the character after the space): every key that goes on after `key` and a space,
 * so only whole words match, and the index serves it as a range.
 */
export async function findMembersByName(
  members: Collection<MemberDoc>,
  key: string,
  match: NameMatch,
  limit: number,
  op: Op,
): Promise<Member[]> {
  if (key === '' || limit <= 0) return [];
  const byKey = match === 'exact' ? key : { $gte: `${key} `, $lt: `${key}!` };
  const docs = await members.find({ nameKey: byKey, verified: true }, { ...op, limit }).toArray();
  return docs.map((doc) => toMember(doc) as Member);
}
