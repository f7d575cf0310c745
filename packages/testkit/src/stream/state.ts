/** A user as the emulator stores it: Stream's built-in fields plus whatever custom fields were set. */
export interface StoredUser {
  id: string;
  role: string;
  created_at: string;
  updated_at: string;
  last_active?: string;
  /** `name`, `image` and custom fields, exactly as last written. */
  fields: Record<string, unknown>;
}

/** A message as stored; `custom` keeps every field Stream does not know (e.g. a bridge's tag). */
export interface StoredMessage {
  id: string;
  cid: string;
  type: 'regular' | 'reply' | 'deleted';
  text: string;
  user_id: string;
  parent_id?: string;
  show_in_channel?: boolean;
  mentioned_user_ids: string[];
  attachments: unknown[];
  custom: Record<string, unknown>;
  reply_count: number;
  reaction_counts: Record<string, number>;
  latest_reactions: { type: string; user_id: string; created_at: string }[];
  created_at: string;
  updated_at: string;
  deleted_at?: string;
}

/** A channel member. */
export interface StoredMember {
  user_id: string;
  channel_role: string;
  created_at: string;
  updated_at: string;
}

/** A channel: data fields (name, image, custom), members, messages in order, read state. */
export interface StoredChannel {
  type: string;
  id: string;
  cid: string;
  data: Record<string, unknown>;
  created_by_id?: string;
  members: Map<string, StoredMember>;
  /** Every message of the channel, thread replies included, in creation order. */
  messages: StoredMessage[];
  reads: Map<string, { last_read: string; unread_messages: number }>;
  created_at: string;
  updated_at: string;
  last_message_at?: string;
}

/** ISO time with milliseconds and a `Z`, as Stream writes timestamps. */
export function now(): string {
  return new Date().toISOString();
}

/**
 * Everything the Stream emulator knows, in memory. Pure data and bookkeeping: routes decide what
 * is allowed, this only keeps it consistent (ids unique, replies counted, presence counted).
 */
export class StreamState {
  readonly users = new Map<string, StoredUser>();
  readonly channels = new Map<string, StoredChannel>();
  readonly messages = new Map<string, StoredMessage>();
  private readonly openConnections = new Map<string, number>();

  /** Creates or replaces a user: fields not given are dropped, as `POST /users` does on Stream. */
  upsertUser(id: string, fields: Record<string, unknown>, role?: string): StoredUser {
    const existing = this.users.get(id);
    const timestamp = now();
    const {
      id: _id,
      role: givenRole,
      created_at,
      updated_at,
      online,
      last_active,
      ...rest
    } = fields;
    const user: StoredUser = {
      id,
      role: typeof givenRole === 'string' ? givenRole : (role ?? existing?.role ?? 'user'),
      created_at: existing?.created_at ?? timestamp,
      updated_at: timestamp,
      fields: rest,
    };
    const lastActive = existing?.last_active;
    if (lastActive) user.last_active = lastActive;
    this.users.set(id, user);
    return user;
  }

  /** Sets and unsets fields of an existing user (`PATCH /users`). */
  partialUpdateUser(user: StoredUser, set: Record<string, unknown>, unset: string[]): StoredUser {
    const { role, ...fields } = set;
    Object.assign(user.fields, fields);
    for (const key of unset) delete user.fields[key];
    if (typeof role === 'string') user.role = role;
    user.updated_at = now();
    return user;
  }

  /** The user, creating a bare one on first sight (Stream creates users referenced by id). */
  ensureUser(id: string): StoredUser {
    return this.users.get(id) ?? this.upsertUser(id, {});
  }

  /** Whether `userId` has at least one open websocket. */
  isOnline(userId: string): boolean {
    return (this.openConnections.get(userId) ?? 0) > 0;
  }

  /** Counts a websocket opening or closing for presence; returns whether the user is now online. */
  trackConnection(userId: string, delta: 1 | -1): boolean {
    const count = Math.max(0, (this.openConnections.get(userId) ?? 0) + delta);
    this.openConnections.set(userId, count);
    const user = this.users.get(userId);
    if (user) user.last_active = now();
    return count > 0;
  }

  /** The channel, created empty when it does not exist yet. */
  ensureChannel(type: string, id: string, createdById?: string): StoredChannel {
    const cid = `${type}:${id}`;
    let channel = this.channels.get(cid);
    if (!channel) {
      const timestamp = now();
      channel = {
        type,
        id,
        cid,
        data: {},
        members: new Map(),
        messages: [],
        reads: new Map(),
        created_at: timestamp,
        updated_at: timestamp,
      };
      if (createdById) channel.created_by_id = createdById;
      this.channels.set(cid, channel);
    }
    return channel;
  }

  /** Adds members (idempotent: an existing member keeps its role and dates). */
  addMembers(channel: StoredChannel, userIds: string[], role = 'channel_member'): void {
    const timestamp = now();
    for (const userId of userIds) {
      this.ensureUser(userId);
      if (channel.members.has(userId)) continue;
      channel.members.set(userId, {
        user_id: userId,
        channel_role: role,
        created_at: timestamp,
        updated_at: timestamp,
      });
    }
  }

  /** Stores a new message; a thread reply bumps its parent's `reply_count`. Returns the parent. */
  addMessage(channel: StoredChannel, message: StoredMessage): StoredMessage | undefined {
    channel.messages.push(message);
    this.messages.set(message.id, message);
    channel.last_message_at = message.created_at;
    for (const [userId, read] of channel.reads) {
      if (userId !== message.user_id) read.unread_messages += 1;
    }
    if (!message.parent_id) return undefined;
    const parent = this.messages.get(message.parent_id);
    if (parent) {
      parent.reply_count += 1;
      parent.updated_at = message.created_at;
    }
    return parent;
  }

  /** Marks the channel read for a user. */
  markRead(channel: StoredChannel, userId: string): { last_read: string; unread_messages: number } {
    const read = { last_read: now(), unread_messages: 0 };
    channel.reads.set(userId, read);
    return read;
  }
}
