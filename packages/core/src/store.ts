/** Whether a member receives texts: `opted_out` after they texted STOP (or Twilio said 21610). */
export type MemberStatus = 'active' | 'opted_out';

/** Someone who can be reached by SMS: a chat user linked to one phone number. */
export interface Member {
  /** The chat user id. Never derived from the phone number: phones stay out of the chat. */
  id: string;
  /** Display name, used for `@Name` mentions. */
  name: string;
  /** E.164 phone number, unique across members. */
  phone: string;
  status: MemberStatus;
  /** True once the member proved they hold the phone (or verification is off). */
  verified: boolean;
  image?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What {@link Store.upsertMember} writes; the store keeps `id` and `createdAt` of an existing member. */
export interface MemberInput {
  phone: string;
  name: string;
  verified: boolean;
  image?: string;
  /** Used only when the member is created; an existing member keeps its id. */
  newId: string;
}

/** A pending verification code for one phone number (only its hash is stored). */
export interface VerificationCode {
  phone: string;
  codeHash: string;
  /** The name given to `/auth`, kept until `/auth/verify`. */
  name: string;
  expiresAt: Date;
  /** Verification attempts made so far. */
  attempts: number;
  createdAt: Date;
}

/** Delivery state of one outbound text, from Twilio's status callbacks. */
export interface DeliveryRecord {
  /** Twilio's message SID. */
  messageSid: string;
  memberId: string;
  status: string;
  /** Twilio error code on `failed` / `undelivered`. */
  errorCode?: number;
  updatedAt: Date;
}

/** A fixed-window counter after one more hit. */
export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** When the window ends and the count starts over. */
  resetAt: Date;
}

/**
 * Where the bridge keeps its state. Grouped by what each part serves: members, dedupe keys,
 * verification codes, rate-limit counters, delivery records. Every method that can race between
 * two bridge instances must be atomic in the implementation (a unique index, `findOneAndUpdate`,
 * an upsert), never read-then-write. Run `testStore()` from `@smsbridge/testkit` on any
 * implementation.
 */
export interface Store {
  /** The member with this E.164 phone number. */
  getMemberByPhone(phone: string): Promise<Member | undefined>;
  /** The member with this chat user id. */
  getMemberById(id: string): Promise<Member | undefined>;
  /** Every member (for resolving `@Name` mentions in texts). */
  listMembers(): Promise<Member[]>;
  /**
   * Creates the member for `input.phone`, or updates name, image and verified of the existing one
   * (keeping its id, status and createdAt). Atomic: concurrent calls for one phone create one member.
   */
  upsertMember(input: MemberInput): Promise<Member>;
  /** Sets a member's status; `undefined` when no member has this phone. */
  setMemberStatus(phone: string, status: MemberStatus): Promise<Member | undefined>;

  /**
   * Claims a dedupe key for `ttlSeconds`: true for the first caller, false while it is held.
   * Atomic across instances; expired keys can be claimed again.
   */
  claimKey(key: string, ttlSeconds: number): Promise<boolean>;
  /** Releases a claimed key (the work it guarded failed, so a retry may do it). */
  releaseKey(key: string): Promise<void>;

  /** Stores the code for `code.phone`, replacing any earlier one (attempts start at 0). */
  saveCode(code: Omit<VerificationCode, 'attempts' | 'createdAt'>): Promise<void>;
  /**
   * Counts one verification attempt and returns the code as it is after counting, or
   * `undefined` when there is none or it expired. Atomic, so parallel guesses are all counted.
   */
  recordCodeAttempt(phone: string): Promise<VerificationCode | undefined>;
  /** Deletes the code for a phone (used, or too many attempts). */
  deleteCode(phone: string): Promise<void>;

  /** Counts one hit against `key` in a fixed window of `windowSeconds`. Atomic. */
  hitRateLimit(key: string, windowSeconds: number): Promise<RateLimitHit>;

  /** Records a sent text, or updates its status from a callback (callbacks may arrive out of order). */
  saveDelivery(record: DeliveryRecord): Promise<void>;
  /** The delivery record for a Twilio message SID. */
  getDelivery(messageSid: string): Promise<DeliveryRecord | undefined>;

  /** Releases connections and timers. Safe to call twice. */
  close?(): Promise<void>;
}
