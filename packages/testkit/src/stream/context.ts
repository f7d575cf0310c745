import type { RouteParams } from '../http/router.js';
import type { StreamCaller } from './auth.js';
import type { ClientConnection, ConnectionHub } from './hub.js';
import { serializeMember, serializeUser } from './serialize.js';
import type { StoredChannel, StreamState } from './state.js';
import { now } from './state.js';
import type { WebhookDispatcher } from './webhooks.js';

/** What every route handler is given about the request. */
export interface StreamRequest {
  caller: StreamCaller;
  params: RouteParams;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** The caller's websocket, when the request named one with `connection_id`. */
  connection: ClientConnection | undefined;
}

/** A route handler: returns the JSON body of a 200/201 answer or throws a StreamApiError. */
export type StreamHandler = (context: StreamContext, request: StreamRequest) => unknown;

/** An event as sent over the websocket and to webhooks. */
export type ChannelEvent = Record<string, unknown> & { type: string };

/** Event types Stream delivers to webhooks (the bridge acts on `message.new` only). */
const WEBHOOK_EVENT_TYPES = new Set([
  'message.new',
  'message.updated',
  'message.deleted',
  'reaction.new',
  'message.read',
]);

/** Stream caps the `members` list in webhook payloads at 50. */
const WEBHOOK_MEMBER_LIMIT = 50;

/** The emulator's shared parts, and the one place channel events fan out from. */
export class StreamContext {
  constructor(
    readonly state: StreamState,
    readonly hub: ConnectionHub,
    readonly webhooks: WebhookDispatcher,
  ) {}

  /** The envelope every channel event shares. */
  channelEvent(
    channel: StoredChannel,
    type: string,
    fields: Record<string, unknown>,
  ): ChannelEvent {
    return {
      type,
      cid: channel.cid,
      channel_id: channel.id,
      channel_type: channel.type,
      channel_member_count: channel.members.size,
      watcher_count: this.hub.watcherIdsOf(channel.cid).length,
      created_at: now(),
      ...fields,
    };
  }

  /**
   * Sends a channel event to its watchers (sender included) and, for the webhook event types, to
   * the webhook with `members` whose `user.online` is current, as Stream's payloads carry them.
   */
  emit(channel: StoredChannel, event: ChannelEvent, request?: StreamRequest): void {
    this.hub.broadcastToWatchers(channel.cid, event);
    if (!WEBHOOK_EVENT_TYPES.has(event.type)) return;
    const members = [...channel.members.values()]
      .slice(0, WEBHOOK_MEMBER_LIMIT)
      .map((member) => serializeMember(this.state, member));
    const user = event.user as { id?: string } | undefined;
    this.webhooks.send({
      ...event,
      user: user?.id ? this.userWithUnreadCounts(channel, user.id) : event.user,
      members,
      request_info: {
        type: request?.caller.kind === 'user' ? 'client' : 'server',
        ip: '127.0.0.1',
        user_agent: 'smsbridge-testkit',
        sdk: 'stream-node',
      },
    });
  }

  /** The event's user with the unread counters Stream adds in webhooks. */
  private userWithUnreadCounts(channel: StoredChannel, userId: string): Record<string, unknown> {
    const unread = channel.reads.get(userId)?.unread_messages ?? 0;
    return {
      ...serializeUser(this.state, userId),
      total_unread_count: unread,
      unread_channels: unread > 0 ? 1 : 0,
      unread_count: unread,
      channel_unread_count: unread,
    };
  }
}
