import type { StoredChannel, StoredMember, StoredMessage, StreamState } from './state.js';

/** A user as Stream returns it: built-ins, presence and custom fields at the top level. */
export type UserResponse = Record<string, unknown> & { id: string; online: boolean };

/** Every capability a member of a default `messaging` channel has; the UI hides what is missing. */
const MEMBER_CAPABILITIES = [
  'ban-channel-members',
  'connect-events',
  'delete-own-message',
  'flag-message',
  'join-channel',
  'leave-channel',
  'mute-channel',
  'pin-message',
  'quote-message',
  'read-events',
  'search-messages',
  'send-custom-events',
  'send-links',
  'send-message',
  'send-reaction',
  'send-reply',
  'typing-events',
  'update-channel-members',
  'update-own-message',
  'upload-file',
];

export function serializeUser(state: StreamState, userId: string): UserResponse {
  const user = state.ensureUser(userId);
  return {
    ...user.fields,
    id: user.id,
    role: user.role,
    created_at: user.created_at,
    updated_at: user.updated_at,
    last_active: user.last_active ?? user.updated_at,
    banned: false,
    online: state.isOnline(user.id),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function serializeMessage(
  state: StreamState,
  message: StoredMessage,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...message.custom,
    id: message.id,
    text: message.text,
    html: message.text ? `<p>${escapeHtml(message.text)}</p>\n` : '',
    type: message.type,
    user: serializeUser(state, message.user_id),
    attachments: message.attachments,
    latest_reactions: message.latest_reactions.map((reaction) => ({
      ...reaction,
      message_id: message.id,
      user: serializeUser(state, reaction.user_id),
    })),
    own_reactions: [],
    reaction_counts: message.reaction_counts,
    reaction_scores: message.reaction_counts,
    reply_count: message.reply_count,
    deleted_reply_count: 0,
    cid: message.cid,
    created_at: message.created_at,
    updated_at: message.updated_at,
    shadowed: false,
    mentioned_users: message.mentioned_user_ids.map((id) => serializeUser(state, id)),
    silent: false,
    pinned: false,
    pinned_at: null,
    pinned_by: null,
    pin_expires: null,
  };
  if (message.parent_id) body.parent_id = message.parent_id;
  if (message.show_in_channel !== undefined) body.show_in_channel = message.show_in_channel;
  if (message.deleted_at) body.deleted_at = message.deleted_at;
  return body;
}

export function serializeMember(state: StreamState, member: StoredMember): Record<string, unknown> {
  return {
    user_id: member.user_id,
    user: serializeUser(state, member.user_id),
    channel_role: member.channel_role,
    role: 'member',
    created_at: member.created_at,
    updated_at: member.updated_at,
    banned: false,
    shadow_banned: false,
    notifications_muted: false,
  };
}

/** Stream's defaults for a `messaging` channel type, the events the UI switches on from. */
function channelConfig(channel: StoredChannel): Record<string, unknown> {
  return {
    name: channel.type,
    created_at: channel.created_at,
    updated_at: channel.created_at,
    typing_events: true,
    read_events: true,
    connect_events: true,
    search: true,
    reactions: true,
    replies: true,
    quotes: true,
    mutes: true,
    uploads: true,
    url_enrichment: false,
    custom_events: true,
    push_notifications: true,
    message_retention: 'infinite',
    max_message_length: 5000,
    automod: 'disabled',
    automod_behavior: 'flag',
    commands: [],
  };
}

export function serializeChannel(
  state: StreamState,
  channel: StoredChannel,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...channel.data,
    id: channel.id,
    type: channel.type,
    cid: channel.cid,
    created_at: channel.created_at,
    updated_at: channel.updated_at,
    frozen: false,
    disabled: false,
    member_count: channel.members.size,
    config: channelConfig(channel),
    own_capabilities: MEMBER_CAPABILITIES,
  };
  if (channel.created_by_id) body.created_by = serializeUser(state, channel.created_by_id);
  if (channel.last_message_at) body.last_message_at = channel.last_message_at;
  return body;
}

/** Top-level messages of a channel (replies only when also shown in the channel), newest `limit`. */
export function channelMessages(channel: StoredChannel, limit: number): StoredMessage[] {
  const visible = channel.messages.filter(
    (message) => !message.parent_id || message.show_in_channel,
  );
  return visible.slice(Math.max(0, visible.length - limit));
}

/** The body of `POST /channels/{type}/{id}/query`. */
export function serializeChannelState(
  state: StreamState,
  channel: StoredChannel,
  options: { messageLimit: number; watcherCount: number; watcherIds: string[] },
): Record<string, unknown> {
  return {
    channel: serializeChannel(state, channel),
    members: [...channel.members.values()].map((member) => serializeMember(state, member)),
    messages: channelMessages(channel, options.messageLimit).map((message) =>
      serializeMessage(state, message),
    ),
    pinned_messages: [],
    read: [...channel.reads].map(([userId, read]) => ({
      user: serializeUser(state, userId),
      last_read: read.last_read,
      unread_messages: read.unread_messages,
    })),
    watcher_count: options.watcherCount,
    watchers: options.watcherIds.map((id) => serializeUser(state, id)),
    membership: null,
    duration: '0.00ms',
  };
}
