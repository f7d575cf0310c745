import { type Member, nameKey } from '@smsbridge/core';
import { describe, expect, it } from 'vitest';
import { phone, type StoreSuiteContext, sleep, unique } from './context.js';

/** Members: create, update, race, status, copies, and lookups by name key. */
export function memberChecks(suite: StoreSuiteContext): void {
  const store = () => suite.store();
  const member = (name: string, verified = true) =>
    store().upsertMember({ phone: phone(), name, verified, newId: unique('m') });

  describe('members', () => {
    it('creates a member with the given id, active, and finds it by phone and id', async () => {
      const number = phone();
      const id = unique('m');
      const created = await store().upsertMember({
        phone: number,
        name: 'Ada',
        verified: true,
        newId: id,
      });
      expect(created).toMatchObject({
        id,
        phone: number,
        name: 'Ada',
        status: 'active',
        verified: true,
      });
      expect(created.createdAt).toBeInstanceOf(Date);
      expect(await store().getMemberByPhone(number)).toEqual(created);
      expect(await store().getMemberById(id)).toEqual(created);
      expect(await store().getMemberByPhone(phone())).toBeUndefined();
      expect(await store().getMemberById(unique('nobody'))).toBeUndefined();
    });

    it('updates name, image and verified of an existing member, keeping id, status and createdAt', async () => {
      const number = phone();
      const first = await store().upsertMember({
        phone: number,
        name: 'Bo',
        verified: false,
        newId: unique('m'),
      });
      await store().setMemberStatus(number, 'opted_out');
      await sleep(5);
      const second = await store().upsertMember({
        phone: number,
        name: 'Bo Builder',
        verified: true,
        image: 'https://example.com/bo.png',
        newId: unique('other'),
      });
      expect(second).toMatchObject({
        id: first.id,
        name: 'Bo Builder',
        verified: true,
        image: 'https://example.com/bo.png',
        status: 'opted_out',
      });
      expect(second.createdAt.getTime()).toBe(first.createdAt.getTime());
      expect(second.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
      expect(await store().getMemberById(first.id)).toMatchObject({ name: 'Bo Builder' });
    });

    it('takes an image given as undefined as no image: none is set, an existing one is kept', async () => {
      const number = phone();
      const input = { phone: number, name: 'Cy', verified: true, newId: unique('m') };
      const created = await store().upsertMember({ ...input, image: undefined });
      expect(created.image).toBeUndefined();
      expect((await store().getMemberByPhone(number))?.image).toBeUndefined();
      await store().upsertMember({ ...input, image: 'https://example.com/cy.png' });
      const kept = await store().upsertMember({ ...input, name: 'Cy Young', image: undefined });
      expect(kept).toMatchObject({ name: 'Cy Young', image: 'https://example.com/cy.png' });
    });

    it('creates exactly one member when sign-ups for one phone race', async () => {
      const number = phone();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store().upsertMember({
            phone: number,
            name: `Racer ${i}`,
            verified: true,
            newId: unique(`r${i}`),
          }),
        ),
      );
      expect(new Set(results.map((result) => result.id)).size).toBe(1);
      const all = await store().listMembers();
      expect(all.filter((found) => found.phone === number)).toHaveLength(1);
    });

    it('sets a member opted out and back; an unknown phone gives undefined', async () => {
      const number = phone();
      await store().upsertMember({ phone: number, name: 'Cy', verified: true, newId: unique('m') });
      expect(await store().setMemberStatus(number, 'opted_out')).toMatchObject({
        status: 'opted_out',
      });
      expect((await store().getMemberByPhone(number))?.status).toBe('opted_out');
      expect(await store().setMemberStatus(number, 'active')).toMatchObject({ status: 'active' });
      expect(await store().setMemberStatus(phone(), 'opted_out')).toBeUndefined();
    });

    it('hands out copies: changing a returned member does not change the store', async () => {
      const number = phone();
      const found: Member = await store().upsertMember({
        phone: number,
        name: 'Di',
        verified: true,
        newId: unique('m'),
      });
      found.name = 'Mallory';
      found.status = 'opted_out';
      expect(await store().getMemberByPhone(number)).toMatchObject({
        name: 'Di',
        status: 'active',
      });
    });
  });

  describe('members by name (for @mentions)', () => {
    const ids = async (key: string, match: 'exact' | 'prefix', limit = 10) =>
      (await store().findMembersByName(key, match, limit)).map((found) => found.id).sort();
    const tag = unique('n').replace(/[^a-z0-9]/g, '');

    it('finds a whole name key exactly, and names that go on after whole words', async () => {
      const ada = await member(`Ada ${tag} Lovelace`);
      const adaK = await member(`Ada ${tag} King`);
      const adam = await member(`Adam ${tag}`);
      expect(await ids(nameKey(`Ada ${tag} Lovelace`), 'exact')).toEqual([ada.id]);
      expect(await ids(nameKey(`ADA ${tag} lovelace`), 'exact')).toEqual([ada.id]);
      expect(await ids(`ada ${tag}`, 'prefix')).toEqual([ada.id, adaK.id].sort());
      expect(await ids(`ada ${tag}`, 'exact')).toEqual([]);
      expect(await ids(`adam ${tag}`, 'exact')).toEqual([adam.id]);
      // Whole words only: "ada" does not start "adam".
      expect(await ids(`ada ${tag} l`, 'prefix')).toEqual([]);
    });

    it('finds verified, named members only, at most `limit`, and follows a rename', async () => {
      const unverified = await member(`Eve ${tag}`, false);
      const shown = await member(`Eve ${tag} Two`);
      await member(`Eve ${tag} Three`);
      expect(await ids(`eve ${tag}`, 'exact')).toEqual([]);
      expect(await store().findMembersByName(`eve ${tag}`, 'prefix', 1)).toHaveLength(1);
      await store().upsertMember({
        phone: shown.phone,
        name: `Zed ${tag}`,
        verified: true,
        newId: unique('x'),
      });
      expect(await ids(`zed ${tag}`, 'exact')).toEqual([shown.id]);
      expect(await ids(`eve ${tag} two`, 'exact')).toEqual([]);
      expect(unverified.verified).toBe(false);
    });
  });
}
