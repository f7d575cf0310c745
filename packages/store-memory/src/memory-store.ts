import type {
  DeliveryRecord,
  Member,
  MemberInput,
  MemberStatus,
  RateLimitHit,
  Store,
  VerificationCode,
} from '@smsbridge/core';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** How often expired dedupe keys, codes and counters are swept. Default 60 s. */
  sweepIntervalMs?: number;
  /** Where the production warning goes. Default `console.warn`. */
  warn?: (message: string) => void;
}

let warnedAboutProduction = false;

/**
 * The embedded default store: everything in this process's memory. Right for one process
 * (tests, demos, a single small server); state is lost on restart and not shared between
 * instances, so run several Lambdas or replicas on `@smsbridge/store-mongo` instead.
 *
 * Every method completes without awaiting between its read and its write, which is what makes
 * each one atomic on Node's single thread.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  if (process.env.NODE_ENV === 'production' && !warnedAboutProduction) {
    warnedAboutProduction = true;
    (options.warn ?? console.warn)(
      '[smsbridge] [store-memory] The memory store keeps state in one process and loses it on restart; in production use @smsbridge/store-mongo.',
    );
  }
  const members = new Map<string, Member>();
  const keys = new Map<string, number>();
  const codes = new Map<string, VerificationCode>();
  const counters = new Map<string, { count: number; resetAt: number }>();
  const deliveries = new Map<string, DeliveryRecord>();

  const sweep = () => {
    const now = Date.now();
    for (const [key, expiresAt] of keys) if (expiresAt <= now) keys.delete(key);
    for (const [phone, code] of codes) if (code.expiresAt.getTime() <= now) codes.delete(phone);
    for (const [key, counter] of counters) if (counter.resetAt <= now) counters.delete(key);
  };
  const timer = setInterval(sweep, options.sweepIntervalMs ?? 60_000);
  // The sweep must never keep a process (a test run, a CLI) alive on its own.
  timer.unref();

  const copy = <T extends object>(value: T | undefined): T | undefined =>
    value === undefined ? undefined : structuredClone(value);

  return {
    async getMemberByPhone(phone) {
      return copy(members.get(phone));
    },
    async getMemberById(id) {
      for (const member of members.values()) if (member.id === id) return copy(member);
      return undefined;
    },
    async listMembers() {
      return [...members.values()].map((member) => structuredClone(member));
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
      members.set(input.phone, member);
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
      const now = Date.now();
      const expiresAt = keys.get(key);
      if (expiresAt !== undefined && expiresAt > now) return false;
      keys.set(key, now + ttlSeconds * 1000);
      return true;
    },
    async releaseKey(key) {
      keys.delete(key);
    },

    async saveCode(code) {
      codes.set(code.phone, { ...code, attempts: 0, createdAt: new Date() });
    },
    async recordCodeAttempt(phone) {
      const code = codes.get(phone);
      if (!code) return undefined;
      if (code.expiresAt.getTime() <= Date.now()) {
        codes.delete(phone);
        return undefined;
      }
      code.attempts += 1;
      return structuredClone(code);
    },
    async deleteCode(phone) {
      codes.delete(phone);
    },

    async hitRateLimit(key, windowSeconds): Promise<RateLimitHit> {
      const now = Date.now();
      let counter = counters.get(key);
      if (!counter || counter.resetAt <= now) {
        counter = { count: 0, resetAt: now + windowSeconds * 1000 };
        counters.set(key, counter);
      }
      counter.count += 1;
      return { count: counter.count, resetAt: new Date(counter.resetAt) };
    },

    async saveDelivery(record) {
      deliveries.set(record.messageSid, structuredClone(record));
    },
    async getDelivery(messageSid) {
      return copy(deliveries.get(messageSid));
    },

    async close() {
      clearInterval(timer);
    },
  };
}
