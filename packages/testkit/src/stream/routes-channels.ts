import { createHash } from 'node:crypto';
import { actingUserId } from './auth.js';
import type { StreamContext, StreamRequest } from './context.js';
import { inputError, notFound } from './errors.js';
import { asIdList, asRecord, asString, matchesFilter, paginate, queryPayload } from './fields.js';
import {
  serializeChannel,
  serializeChannelState,
  serializeMember,
  serializeUser,
} from './serialize.js';
import type { StoredChannel } from './state.js';
import { now } from './state.js';

/** Fields of `data` that describe the channel rather than being stored on it. */
const NON_DATA_FIELDS = new Set(['members', 'created_by', 'created_by_id', 'id', 'type', 'cid']);

function channelData(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !NON_DATA_FIELDS.has(key)));
}

/** The channel named by the path, or Stream's 404 (code 16). */
export function requireChannel(context: StreamContext, request: StreamRequest, call: string) {
  const { type = '', id = '' } = request.params;
  const channel = context.state.channels.get(`${type}:${id}`);
  if (!channel) throw notFound(call, `channel "${type}:${id}" does not exist`);
  return channel;
}

/**
 * `POST /channels/{type}/{id}/query` (and `/channels/{type}/query` for distinct channels):
 * get-or-create, then answer the channel's state; with `watch: true` and a `connection_id` the
 * connection starts receiving the channel's events. Data and members are applied on creation
 * only, as Stream's getOrCreate does.
 */
export function queryChannel(context: StreamContext, request: StreamRequest): unknown {
  const type = request.params.type ?? '';
  const data = asRecord(request.body.data);
  const members = asIdList(data.members);
  const id = request.params.id ?? distinctChannelId(members);
  const cid = `${type}:${id}`;
  let channel = context.state.channels.get(cid);
  if (!channel) {
    const creatorId = actingUserId(
      request.caller,
      asString(data.created_by_id) ?? asString(asRecord(data.created_by).id),
    );
    channel = context.state.ensureChannel(type, id, creatorId);
    channel.data = channelData(data);
    context.state.ensureUser(creatorId);
    context.state.addMembers(channel, members);
  }
  if (request.body.watch === true && request.connection) {
    request.connection.watching.add(cid);
  }
  const messageLimit = Number(asRecord(request.body.messages).limit ?? 25);
  const watcherIds = context.hub.watcherIdsOf(cid);
  return serializeChannelState(context.state, channel, {
    messageLimit: Number.isFinite(messageLimit) ? messageLimit : 25,
    watcherCount: watcherIds.length,
    watcherIds,
  });
}

function distinctChannelId(members: string[]): string {
  if (members.length === 0) {
    throw inputError('GetOrCreateChannel', 'either channel id or members must be provided');
  }
  const digest = createHash('sha1')
    .update([...members].sort().join(','))
    .digest('hex');
  return `!members-${digest.slice(0, 24)}`;
}

/** `POST /channels/{type}/{id}`: add/remove members and update data, with events for watchers. */
export function updateChannel(context: StreamContext, request: StreamRequest): unknown {
  const channel = requireChannel(context, request, 'UpdateChannel');
  const added = asIdList(request.body.add_members);
  const removed = asIdList(request.body.remove_members);
  if (added.length > 0) {
    context.state.addMembers(channel, added);
    for (const userId of added) memberEvent(context, channel, 'member.added', userId, request);
  }
  for (const userId of removed) {
    if (!channel.members.delete(userId)) continue;
    channel.reads.delete(userId);
    memberEvent(context, channel, 'member.removed', userId, request);
  }
  if (request.body.data !== undefined) {
    channel.data = channelData(asRecord(request.body.data));
    channel.updated_at = now();
    context.emit(
      channel,
      context.channelEvent(channel, 'channel.updated', {
        channel: serializeChannel(context.state, channel),
      }),
      request,
    );
  }
  return {
    channel: serializeChannel(context.state, channel),
    members: [...channel.members.values()].map((member) => serializeMember(context.state, member)),
    duration: '0.00ms',
  };
}

function memberEvent(
  context: StreamContext,
  channel: StoredChannel,
  type: 'member.added' | 'member.removed',
  userId: string,
  request: StreamRequest,
): void {
  const member = channel.members.get(userId);
  context.emit(
    channel,
    context.channelEvent(channel, type, {
      user: serializeUser(context.state, userId),
      member: member ? serializeMember(context.state, member) : { user_id: userId },
    }),
    request,
  );
}

/** `POST /channels/{type}/{id}/event`: typing and custom events, sent to the channel's watchers. */
export function sendEvent(context: StreamContext, request: StreamRequest): unknown {
  const channel = requireChannel(context, request, 'SendEvent');
  const event = asRecord(request.body.event);
  const type = asString(event.type);
  if (!type) throw inputError('SendEvent', 'event.type is a required field');
  const userId = actingUserId(
    request.caller,
    asString(event.user_id) ?? asString(asRecord(event.user).id),
  );
  const { user: _user, user_id: _userId, ...rest } = event;
  const out = context.channelEvent(channel, type, {
    ...rest,
    user: serializeUser(context.state, userId),
  });
  context.emit(channel, out, request);
  return { event: out, duration: '0.00ms' };
}

/** `POST /channels/{type}/{id}/read`: marks the channel read and tells watchers. */
export function markRead(context: StreamContext, request: StreamRequest): unknown {
  const channel = requireChannel(context, request, 'MarkRead');
  const userId = actingUserId(
    request.caller,
    asString(request.body.user_id) ?? asString(asRecord(request.body.user).id),
  );
  const read = context.state.markRead(channel, userId);
  const lastMessage = channel.messages.at(-1);
  const event = context.channelEvent(channel, 'message.read', {
    user: serializeUser(context.state, userId),
    last_read_message_id: asString(request.body.message_id) ?? lastMessage?.id,
    created_at: read.last_read,
  });
  context.emit(channel, event, request);
  return { event, duration: '0.00ms' };
}

/** `GET /members?payload={type, id, filter_conditions, sort, limit, offset}`. */
export function queryMembers(context: StreamContext, request: StreamRequest): unknown {
  const payload = queryPayload(request.query, 'QueryMembers');
  const type = asString(payload.type);
  const id = asString(payload.id);
  const channel = type && id ? context.state.channels.get(`${type}:${id}`) : undefined;
  if (!channel) throw notFound('QueryMembers', `channel "${type}:${id}" does not exist`);
  const filter = asRecord(payload.filter_conditions);
  const members = [...channel.members.values()]
    .map((member) => serializeMember(context.state, member))
    .filter((member) => {
      const user = asRecord(member.user);
      return matchesFilter({ ...member, ...user, id: member.user_id }, filter);
    });
  return { members: paginate(members, payload), duration: '0.00ms' };
}
