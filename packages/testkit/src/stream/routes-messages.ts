import { randomUUID } from 'node:crypto';
import { actingUserId, assertMayActAs } from './auth.js';
import type { StreamContext, StreamRequest } from './context.js';
import { inputError, notFound } from './errors.js';
import { asIdList, asRecord, asString } from './fields.js';
import { requireChannel } from './routes-channels.js';
import { serializeMessage, serializeUser } from './serialize.js';
import type { StoredChannel, StoredMessage } from './state.js';
import { now } from './state.js';

/** Fields Stream owns on a message; everything else sent is kept as a custom field. */
const MESSAGE_FIELDS = new Set([
  'id',
  'text',
  'html',
  'type',
  'user',
  'user_id',
  'parent_id',
  'show_in_channel',
  'mentioned_users',
  'attachments',
  'cid',
  'created_at',
  'updated_at',
  'reply_count',
  'latest_reactions',
  'own_reactions',
  'reaction_counts',
  'reaction_groups',
  'reaction_scores',
  'silent',
]);

function customFields(message: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(message).filter(([key]) => !MESSAGE_FIELDS.has(key)));
}

/**
 * `POST /channels/{type}/{id}/message`. A client-given `id` makes sends idempotent the way Stream
 * does it: the second send with that id fails with code 4 "already exists".
 */
export function sendMessage(context: StreamContext, request: StreamRequest): unknown {
  const channel = requireChannel(context, request, 'SendMessage');
  const input = asRecord(request.body.message);
  const userId = actingUserId(
    request.caller,
    asString(input.user_id) ?? asString(asRecord(input.user).id),
  );
  const id = asString(input.id) ?? randomUUID();
  if (context.state.messages.has(id)) {
    throw inputError('SendMessage', `a message with ID ${id} already exists`);
  }
  const text = typeof input.text === 'string' ? input.text : '';
  const attachments = Array.isArray(input.attachments) ? input.attachments : [];
  if (text.trim() === '' && attachments.length === 0) {
    throw inputError('SendMessage', 'message.text or message.attachments is required');
  }
  const parentId = asString(input.parent_id);
  if (parentId && !context.state.messages.has(parentId)) {
    throw inputError('SendMessage', `parent message "${parentId}" does not exist`);
  }
  const mentioned = asIdList(input.mentioned_users);
  for (const mentionedId of mentioned) context.state.ensureUser(mentionedId);
  const timestamp = now();
  const message: StoredMessage = {
    id,
    cid: channel.cid,
    type: parentId ? 'reply' : 'regular',
    text,
    user_id: userId,
    mentioned_user_ids: mentioned,
    attachments,
    custom: customFields(input),
    reply_count: 0,
    reaction_counts: {},
    latest_reactions: [],
    created_at: timestamp,
    updated_at: timestamp,
  };
  if (parentId) message.parent_id = parentId;
  if (typeof input.show_in_channel === 'boolean') message.show_in_channel = input.show_in_channel;

  const parent = context.state.addMessage(channel, message);
  const body = serializeMessage(context.state, message);
  context.emit(
    channel,
    context.channelEvent(channel, 'message.new', {
      message: body,
      user: serializeUser(context.state, userId),
    }),
    request,
  );
  notifyConnectedMembers(context, channel, body);
  if (parent) emitMessageEvent(context, channel, 'message.updated', parent, request);
  return { message: body, duration: '0.00ms' };
}

/** Members who are online but not watching get `notification.message_new`, as Stream sends. */
function notifyConnectedMembers(
  context: StreamContext,
  channel: StoredChannel,
  message: Record<string, unknown>,
): void {
  const watching = new Set(context.hub.watcherIdsOf(channel.cid));
  const others = [...channel.members.keys()].filter((id) => !watching.has(id));
  if (others.length === 0) return;
  context.hub.sendToUsers(
    others,
    context.channelEvent(channel, 'notification.message_new', { message }),
  );
}

function emitMessageEvent(
  context: StreamContext,
  channel: StoredChannel,
  type: 'message.updated' | 'message.deleted' | 'reaction.new',
  message: StoredMessage,
  request: StreamRequest,
  extra: Record<string, unknown> = {},
): void {
  context.emit(
    channel,
    context.channelEvent(channel, type, {
      message: serializeMessage(context.state, message),
      user: serializeUser(context.state, message.user_id),
      ...extra,
    }),
    request,
  );
}

function requireMessage(context: StreamContext, request: StreamRequest, call: string) {
  const message = context.state.messages.get(request.params.id ?? '');
  if (!message) throw notFound(call, `message "${request.params.id}" does not exist`);
  const channel = context.state.channels.get(message.cid);
  if (!channel) throw notFound(call, `channel "${message.cid}" does not exist`);
  return { message, channel };
}

/** `GET /messages/{id}/replies?limit=…`: a thread's replies, oldest first. */
export function getReplies(context: StreamContext, request: StreamRequest): unknown {
  const { message, channel } = requireMessage(context, request, 'GetReplies');
  const limit = Math.min(Number(request.query.get('limit') ?? 25) || 25, 100);
  const replies = channel.messages.filter((reply) => reply.parent_id === message.id);
  return {
    messages: replies
      .slice(Math.max(0, replies.length - limit))
      .map((reply) => serializeMessage(context.state, reply)),
    duration: '0.00ms',
  };
}

/** `GET /messages/{id}`. */
export function getMessage(context: StreamContext, request: StreamRequest): unknown {
  const { message } = requireMessage(context, request, 'GetMessage');
  return { message: serializeMessage(context.state, message), duration: '0.00ms' };
}

/** `POST /messages/{id}`: edit text, mentions or custom fields; only the author (or server). */
export function updateMessage(context: StreamContext, request: StreamRequest): unknown {
  const { message, channel } = requireMessage(context, request, 'UpdateMessage');
  assertMayActAs(request.caller, message.user_id);
  const input = asRecord(request.body.message);
  if (typeof input.text === 'string') message.text = input.text;
  if (input.mentioned_users !== undefined)
    message.mentioned_user_ids = asIdList(input.mentioned_users);
  if (Array.isArray(input.attachments)) message.attachments = input.attachments;
  message.custom = { ...message.custom, ...customFields(input) };
  message.updated_at = now();
  emitMessageEvent(context, channel, 'message.updated', message, request);
  return { message: serializeMessage(context.state, message), duration: '0.00ms' };
}

/** `DELETE /messages/{id}`: soft delete, as Stream does by default. */
export function deleteMessage(context: StreamContext, request: StreamRequest): unknown {
  const { message, channel } = requireMessage(context, request, 'DeleteMessage');
  assertMayActAs(request.caller, message.user_id);
  message.type = 'deleted';
  message.deleted_at = now();
  message.updated_at = message.deleted_at;
  emitMessageEvent(context, channel, 'message.deleted', message, request);
  return { message: serializeMessage(context.state, message), duration: '0.00ms' };
}

/** `POST /messages/{id}/reaction`: `{reaction:{type}}`. */
export function sendReaction(context: StreamContext, request: StreamRequest): unknown {
  const { message, channel } = requireMessage(context, request, 'SendReaction');
  const input = asRecord(request.body.reaction);
  const type = asString(input.type);
  if (!type) throw inputError('SendReaction', 'reaction.type is a required field');
  const userId = actingUserId(
    request.caller,
    asString(input.user_id) ?? asString(asRecord(input.user).id),
  );
  const createdAt = now();
  message.latest_reactions.push({ type, user_id: userId, created_at: createdAt });
  message.reaction_counts[type] = (message.reaction_counts[type] ?? 0) + 1;
  const reaction = {
    type,
    user_id: userId,
    user: serializeUser(context.state, userId),
    message_id: message.id,
    score: 1,
    created_at: createdAt,
    updated_at: createdAt,
  };
  emitMessageEvent(context, channel, 'reaction.new', message, request, {
    reaction,
    user: serializeUser(context.state, userId),
  });
  return {
    message: serializeMessage(context.state, message),
    reaction,
    duration: '0.00ms',
  };
}
