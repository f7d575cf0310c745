import {
  type DeliveryRecord,
  type Member,
  type MemberInput,
  type MemberStatus,
  type NameMatch,
  nameKey,
  type RateLimitHit,
  type Store,
  type VerificationCode,
} from '@smsbridge/core';
import { NameIndex } from './name-index.js';

/** The default of {@link MemoryStoreOptions.maxExpiringRecords}. */
export const DEFAULT_MAX_EXPIRING_RECORDS = 100_000;

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * How often expired dedupe keys, codes, counters and delivery records are swept, at most: the
   * sweep runs on the store's own writes, never on a timer. Default 60 s.
   */
  sweepIntervalMs?: number | undefined;
  /**
   * The most records that expire (dedupe keys, verification codes, rate-limit counters and
   * delivery records, all together) the store holds, so a long-running process plateaus instead
   * of growing with traffic. Members are not counted and never evicted.
   *
   * Reaching it sweeps what has expired and, if that leaves the store above nine tenths of the
   * bound, evicts the records closest to expiry until it is back there (a tenth at a time keeps
   * the cost per write constant). Evicting is lossy: a retried webhook whose dedupe key is gone
   * may act twice, a code may have to be asked for again, a rate-limit window starts over. The
   * first eviction is logged through `warn`. Default 100,000 (about 14 MB of dedupe keys, more
   * with delivery records); `Infinity` turns the bound off.
   */
  maxExpiringRecords?: number | undefined;
  /** Where the store's warnings go (production use, evictions). Default `console.warn`. */
  warn?: ((message: string) => void) | undefined;
}

/** The memory store: a {@link Store} that can also say how much it holds. */
export interface MemoryStore extends Store {
  /** How many records it holds, all kinds together (for tests and monitoring). */
  size(): number;
}

let warnedAboutProduction = false;

/**
 * `NODE_ENV` where the runtime has a `process` (Node, Bun, Deno); a Cloudflare Worker has none,
 * and Deno without `--allow-env` refuses to read it.
 */
function nodeEnv(): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
      ?.NODE_ENV;
  } catch {
    return undefined;
  }
}

/**
 * The embedded default store: everything in this process's memory. Right for one process
 * (tests, demos, a single small server); state is lost on restart and not shared between
 * instances, so run several Lambdas or replicas on `@smsbridge/store-mongo` instead.
 *
 * Every method completes without awaiting between its read and its write, which is what makes
 * each one atomic on Node's single thread. Members are indexed by phone, id and name key, so no
 * request costs more with more members; everything else expires and is swept.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const warn = options.warn ?? console.warn;
  const maxExpiring = options.maxExpiringRecords ?? DEFAULT_MAX_EXPIRING_RECORDS;
  if (!(maxExpiring >= 1 && (Number.isInteger(maxExpiring) || maxExpiring === Infinity))) {
    throw new RangeError(
      `[smsbridge] [store-memory] maxExpiringRecords must be a whole number of at least 1, or Infinity (got ${maxExpiring}).`,
    );
  }
  if (nodeEnv() === 'production' && !warnedAboutProduction) {
    warnedAboutProduction = true;
    warn(
      '[smsbridge] [store-memory] The memory store keeps state in one process and loses it on restart; in production use @smsbridge/store-mongo.',
    );
  }
  const members = new Map<string, Member>();
  const phoneById = new Map<string, string>();
  const names = new NameIndex();
  const keys = new Map<string, number>();
  const codes = new Map<string, VerificationCode>();
  const counters = new Map<string, { count: number; resetAt: number }>();
  const deliveries = new Map<string, DeliveryRecord>();

  const sweep = () => {
    const now = Date.now();
    for (const [key, expiresAt] of keys) if (expiresAt <= now) keys.delete(key);
    for (const [phone, code] of codes) if (code.expiresAt.getTime() <= now) codes.delete(phone);
    for (const [key, counter] of counters) if (counter.resetAt <= now) counters.delete(key);
    for (const [sid, record] of deliveries)
      if (record.expiresAt.getTime() <= now) deliveries.delete(sid);
  };
  // Swept on writes, at most once an interval, with no timer: nothing keeps a process alive, and
  // it works where timers do not outlive a request (a Cloudflare Worker refuses one at startup).
  // Only writes add records, so they alone bound the memory.
  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
  let nextSweepAt = Date.now() + sweepIntervalMs;
  const sweepWhenDue = () => {
    if (Date.now() < nextSweepAt) return;
    nextSweepAt = Date.now() + sweepIntervalMs;
    sweep();
  };

  const expiring = () => keys.size + codes.size + counters.size + deliveries.size;
  const lowWater = maxExpiring - Math.ceil(maxExpiring / 10);
  let warnedAboutEviction = false;
  /** Evicts the `count` records that expire first, with no index to keep up between evictions. */
  const evictClosestToExpiry = (count: number) => {
    const expiries = new Float64Array(expiring());
    let i = 0;
    for (const expiresAt of keys.values()) expiries[i++] = expiresAt;
    for (const code of codes.values()) expiries[i++] = code.expiresAt.getTime();
    for (const counter of counters.values()) expiries[i++] = counter.resetAt;
    for (const record of deliveries.values()) expiries[i++] = record.expiresAt.getTime();
    const cutoff = expiries.sort()[count - 1] as number;
    let left = count;
    const evict = <V>(map: Map<string, V>, expiresAt: (value: V) => number, ties: boolean) => {
      for (const [key, value] of map) {
        if (left === 0) return;
        const at = expiresAt(value);
        if (at < cutoff || (ties && at === cutoff)) {
          map.delete(key);
          left -= 1;
        }
      }
    };
    // Everything before the cutoff goes, then as many of those expiring at it as still must.
    for (const ties of [false, true]) {
      evict(keys, (expiresAt) => expiresAt, ties);
      evict(codes, (code) => code.expiresAt.getTime(), ties);
      evict(counters, (counter) => counter.resetAt, ties);
      evict(deliveries, (record) => record.expiresAt.getTime(), ties);
    }
  };
  /** Called before a new expiring record is added: keeps the store within `maxExpiringRecords`. */
  const makeRoom = () => {
    if (expiring() < maxExpiring) return;
    sweep();
    const excess = expiring() - lowWater;
    if (excess <= 0) return;
    if (!warnedAboutEviction) {
      warnedAboutEviction = true;
      warn(
        `[smsbridge] [store-memory] The store holds maxExpiringRecords (${maxExpiring}) dedupe keys, codes, counters and delivery records: the ones closest to expiry are evicted early from now on, so a retried webhook may act twice. Raise maxExpiringRecords or use @smsbridge/store-mongo.`,
      );
    }
    evictClosestToExpiry(excess);
  };

  const copy = <T extends object>(value: T | undefined): T | undefined =>
    value === undefined ? undefined : structuredClone(value);
  const liveCode = (phone: string) => {
    const code = codes.get(phone);
    if (code && code.expiresAt.getTime() <= Date.now()) {
      codes.delete(phone);
      return undefined;
    }
    return code;
  };
  const mentionable = (member: Member) => member.verified && member.name !== '';

  return {
    async getMemberByPhone(phone) {
      return copy(members.get(phone));
    },
    async getMemberById(id) {
      const phone = phoneById.get(id);
      return phone === undefined ? undefined : copy(members.get(phone));
    },
    async listMembers() {
      return [...members.values()].map((member) => structuredClone(member));
    },
    async findMembersByName(key: string, match: NameMatch, limit: number) {
      const found: Member[] = [];
      for (const phone of names.find(key, match)) {
        const member = members.get(phone);
        if (member && mentionable(member)) found.push(structuredClone(member));
        if (found.length === limit) break;
      }
      return found;
    },
    async upsertMember(input: MemberInput) {
      const now = new Date();
      const existing = members.get(input.phone);
      const member: Member = existing
        ? { ...existing, name: input.name, verified: input.verified, updatedAt: now }
        : {
            id: input.newId,
            name: input.name,
            phone: input.phone,
            status: 'active',
            verified: input.verified,
            createdAt: now,
            updatedAt: now,
          };
      if (input.image !== undefined) member.image = input.image;
      if (existing) names.remove(nameKey(existing.name), input.phone);
      names.add(nameKey(member.name), input.phone);
      members.set(input.phone, member);
      phoneById.set(member.id, input.phone);
      return structuredClone(member);
    },
    async setMemberStatus(phone, status: MemberStatus) {
      const member = members.get(phone);
      if (!member) return undefined;
      member.status = status;
      member.updatedAt = new Date();
      return structuredClone(member);
    },

    async claimKey(key, ttlSeconds) {
      sweepWhenDue();
      const now = Date.now();
      const expiresAt = keys.get(key);
      if (expiresAt !== undefined && expiresAt > now) return false;
      if (expiresAt === undefined) makeRoom();
      keys.set(key, now + ttlSeconds * 1000);
      return true;
    },
    async releaseKey(key) {
      keys.delete(key);
    },

    async issueCode(code) {
      sweepWhenDue();
      const existing = liveCode(code.phone);
      if (existing) return structuredClone(existing);
      const issued: VerificationCode = { ...code, attempts: 0, createdAt: new Date() };
      if (!codes.has(code.phone)) makeRoom();
      codes.set(code.phone, issued);
      return structuredClone(issued);
    },
    async recordCodeAttempt(phone, maxAttempts) {
      const code = liveCode(phone);
      if (!code) return undefined;
      if (code.attempts <= maxAttempts) code.attempts += 1;
      return structuredClone(code);
    },
    async consumeCode(phone, given) {
      const code = liveCode(phone);
      if (!code || code.code !== given) return undefined;
      codes.delete(phone);
      return structuredClone(code);
    },

    async hitRateLimit(key, windowSeconds, limit): Promise<RateLimitHit> {
      sweepWhenDue();
      const now = Date.now();
      let counter = counters.get(key);
      if (!counter || counter.resetAt <= now) {
        if (!counter) makeRoom();
        counter = { count: 0, resetAt: now + windowSeconds * 1000 };
        counters.set(key, counter);
      }
      // Past the limit a hit changes nothing: the window is full until it resets.
      if (counter.count <= limit) counter.count += 1;
      return {
        allowed: counter.count <= limit,
        count: counter.count,
        resetAt: new Date(counter.resetAt),
      };
    },

    async saveDelivery(record) {
      sweepWhenDue();
      if (!deliveries.has(record.messageSid)) makeRoom();
      deliveries.set(record.messageSid, structuredClone(record));
    },
    async getDelivery(messageSid) {
      const record = deliveries.get(messageSid);
      if (!record || record.expiresAt.getTime() <= Date.now()) return undefined;
      return structuredClone(record);
    },

    async sweepExpired() {
      sweep();
    },
    size() {
      return members.size + keys.size + codes.size + counters.size + deliveries.size;
    },

    async close() {
      // Nothing to release: no timer, no connection.
    },
  };
}
