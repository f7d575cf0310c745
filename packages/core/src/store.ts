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
  image?: string | undefined;
  createdAt: Date;
  updatedAt: Date;
}

/** What {@link Store.upsertMember} writes; the store keeps `id` and `createdAt` of an existing member. */
export interface MemberInput {
  phone: string;
  name: string;
  verified: boolean;
  image?: string | undefined;
  /** Used only when the member is created; an existing member keeps its id. */
  newId: string;
}

/** A pending verification code for one phone number. */
export interface VerificationCode {
  phone: string;
  /**
   * The code itself. Kept, not only a hash of it, so that a second `/auth` while it is valid
   * re-sends the same code (as Twilio Verify does) instead of replacing it: a stranger asking
   * for a code for your number must not be able to invalidate yours. It lives ten minutes.
   */
  code: string;
  /** The name given to the `/auth` that created the code (a re-send never changes it). */
  name: string;
  expiresAt: Date;
  /** Verification attempts made so far (at most `maxAttempts + 1` are ever counted). */
  attempts: number;
  createdAt: Date;
}

/** Delivery state of one outbound text, from the SMS provider's status callbacks. */
export interface DeliveryRecord {
  /** The provider's message id (Twilio's message SID). */
  messageSid: string;
  memberId: string;
  /** `queued`, `sent`, `delivered` or `failed` (see `DeliveryStatus`). */
  status: string;
  /** The provider's error code on a failure (Twilio's `30003`, Telnyx's `"40002"`). */
  errorCode?: number | string | undefined;
  updatedAt: Date;
  /** When the store may forget the record (the bridge's `deliveryTtlSeconds`, 30 days by default). */
  expiresAt: Date;
}

/** A fixed-window counter after one more hit. */
export interface RateLimitHit {
  /** Whether this hit is within the limit. */
  allowed: boolean;
  /** Hits counted in the current window, this one included; never more than `limit + 1`. */
  count: number;
  /** When the window ends and the count starts over. */
  resetAt: Date;
}

/** How {@link Store.findMembersByName} matches a name key. */
export type NameMatch = 'exact' | 'prefix';

/**
 * Where the bridge keeps its state. Grouped by what each part serves: members, dedupe keys,
 * verification codes, rate-limit counters, delivery records. Every method that can race between
 * two bridge instances must be atomic in the implementation (a unique index, an insert that
 * decides), never read-then-write. Everything but members expires, and nothing grows with
 * requests that are refused. Run `testStore()` from `@smsbridge/testkit/conformance` on any
 * implementation.
 */
export interface Store {
  /** The member with this E.164 phone number. */
  getMemberByPhone(phone: string): Promise<Member | undefined>;
  /** The member with this chat user id. */
  getMemberById(id: string): Promise<Member | undefined>;
  /** Every member. For tools and tests: no request path calls it, since it grows with members. */
  listMembers(): Promise<Member[]>;
  /**
   * Verified, named members for resolving an `@Name` in a text, at most `limit`. `key` is a
   * name key (`nameKey(name)` from `@smsbridge/core`); `'exact'` finds members whose name key is `key`, `'prefix'` those whose
   * name key starts with `key` followed by a space (whole words only). Served by an index: the
   * cost must not grow with the number of members.
   */
  findMembersByName(key: string, match: NameMatch, limit: number): Promise<Member[]>;
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

  /**
   * Stores `code` for its phone unless a code that has not expired is already stored, and
   * returns the code in force: the existing one, untouched, or this one (attempts at 0). Atomic:
   * of racing calls for one phone, one code wins and every caller gets it.
   */
  issueCode(code: Omit<VerificationCode, 'attempts' | 'createdAt'>): Promise<VerificationCode>;
  /**
   * Counts one verification attempt and returns the code as it is after counting, or `undefined`
   * when there is none or it expired. Atomic, so parallel guesses are all counted; once
   * `maxAttempts + 1` are counted, further attempts are refused without writing anything.
   */
  recordCodeAttempt(phone: string, maxAttempts: number): Promise<VerificationCode | undefined>;
  /**
   * Deletes the code for `phone` if it is `code` and has not expired, and returns it; otherwise
   * `undefined`. Match and delete are one atomic step: of parallel calls with the right code,
   * exactly one gets it.
   */
  consumeCode(phone: string, code: string): Promise<VerificationCode | undefined>;

  /**
   * Counts one hit against `key` in a fixed window of `windowSeconds` and says whether it is
   * within `limit`. Atomic. Refused hits write nothing: a window holds at most `limit + 1`.
   */
  hitRateLimit(key: string, windowSeconds: number, limit: number): Promise<RateLimitHit>;

  /** Records a sent text, or updates its status from a callback (callbacks may arrive out of order). */
  saveDelivery(record: DeliveryRecord): Promise<void>;
  /** The delivery record for a Twilio message SID, unless it expired. */
  getDelivery(messageSid: string): Promise<DeliveryRecord | undefined>;

  /**
   * Deletes everything that has expired (dedupe keys, codes, counters, delivery records). Stores
   * also do this on their own (a timer, TTL indexes); call it from a scheduled job where no timer
   * runs between requests.
   */
  sweepExpired(): Promise<void>;

  /** Releases connections and timers. Safe to call twice. */
  close?(): Promise<void>;
}
