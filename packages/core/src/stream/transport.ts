import * as z from 'zod';
import { BridgeError } from '../errors.js';
import { invalidOptions } from '../http/zod-error.js';
import type { ChannelRef, ChatTransport, ChatUser, OutgoingChatMessage } from '../interfaces.js';
import { BRIDGE_SMS_STATUS_FIELD } from '../message-source.js';
import { signJwt } from './jwt.js';
import { createStreamRestClient, STREAM_API, StreamApiError } from './rest-client.js';
import { isValidStreamSignature, webhookPayload } from './signature.js';
import { chatWebhookFromPayload } from './webhook-event.js';

const optionsSchema = z.object({
  apiKey: z.string().min(1),
  apiSecret: z.string().min(1),
  baseURL: z.url().optional(),
  timeoutMs: z.number().int().positive().optional(),
});

/** Options of {@link createStreamChatTransport}. */
export interface StreamChatTransportOptions {
  /** The app's API key. */
  apiKey: string;
  /** The app's API secret: signs tokens and verifies webhooks. Server-side only. */
  apiSecret: string;
  /** Talk to this base URL instead of Stream's edge (an emulator or a proxy). No trailing slash. */
  baseURL?: string | undefined;
  /** Per-request timeout. Default 5000 ms, below Stream's 6 s webhook budget. */
  timeoutMs?: number | undefined;
}

/** Stream's answer to a second message with the same id: the first one is there, all is well. */
function isDuplicateMessage(error: unknown): boolean {
  return (
    error instanceof StreamApiError && error.code === 4 && error.message.includes('already exists')
  );
}

/**
 * Stream Chat as the bridge's chat. Webhooks are verified here (`X-Signature` over the exact raw
 * bytes; a forged one is refused with 401 `invalid_signature`). Server calls go over Node's
 * HTTP client where the runtime has one, else `fetch`: no SDK to load, on any runtime.
 */
export function createStreamChatTransport(options: StreamChatTransportOptions): ChatTransport {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptions(parsed.error, 'core/stream');
  const { apiKey, apiSecret, baseURL = STREAM_API, timeoutMs = 5_000 } = parsed.data;
  const call = createStreamRestClient({ apiKey, apiSecret, baseURL, timeoutMs });
  const channelPath = (channel: ChannelRef) =>
    `/channels/${encodeURIComponent(channel.type)}/${encodeURIComponent(channel.id)}`;

  return {
    async parseWebhook(rawBody, headers) {
      const payload = await webhookPayload(rawBody);
      if (!(await isValidStreamSignature(payload, headers.get('x-signature'), apiSecret))) {
        throw new BridgeError(
          'invalid_signature',
          'The X-Signature header is missing or does not match the body.',
        );
      }
      const webhookId = headers.get('x-webhook-id');
      if (!webhookId)
        throw new BridgeError('invalid_request', 'The X-Webhook-Id header is missing.');
      return chatWebhookFromPayload(payload, webhookId);
    },

    async upsertUser(user: ChatUser) {
      const fields: Record<string, unknown> = { name: user.name };
      if (user.image !== undefined) fields.image = user.image;
      if (user.smsStatus !== undefined) fields[BRIDGE_SMS_STATUS_FIELD] = user.smsStatus;
      const { users } = await call<{ users: { id: string }[] }>({
        method: 'GET',
        path: '/users',
        query: { payload: JSON.stringify({ filter_conditions: { id: { $eq: user.id } } }) },
      });
      // An upsert replaces a user whole; an existing one is patched so fields the bridge does
      // not own (set by the app or by Stream) survive.
      if (users.length > 0) {
        await call({
          method: 'PATCH',
          path: '/users',
          body: { users: [{ id: user.id, set: fields }] },
        });
      } else {
        await call({
          method: 'POST',
          path: '/users',
          body: { users: { [user.id]: { id: user.id, role: user.role ?? 'user', ...fields } } },
        });
      }
    },

    async ensureMembers(channel: ChannelRef, createdById: string, userIds: string[]) {
      const data: Record<string, unknown> = { created_by_id: createdById, members: userIds };
      if (channel.name) data.name = channel.name;
      if (channel.image) data.image = channel.image;
      await call({
        method: 'POST',
        path: `${channelPath(channel)}/query`,
        body: { data, state: false, watch: false, presence: false },
      });
      // Creating adds members only to a new channel; later members join here.
      if (userIds.length > 0) {
        await call({ method: 'POST', path: channelPath(channel), body: { add_members: userIds } });
      }
    },

    async postMessage(channel: ChannelRef, message: OutgoingChatMessage) {
      try {
        await call({
          method: 'POST',
          path: `${channelPath(channel)}/message`,
          body: {
            message: {
              ...message.custom,
              id: message.id,
              text: message.text,
              user_id: message.userId,
              mentioned_users: message.mentionedUserIds,
              ...(message.parentId ? { parent_id: message.parentId } : {}),
            },
          },
        });
        return { duplicate: false };
      } catch (error) {
        if (isDuplicateMessage(error)) return { duplicate: true };
        throw error;
      }
    },

    async createUserToken(userId, expiresAt) {
      return signJwt({ user_id: userId, exp: Math.floor(expiresAt.getTime() / 1000) }, apiSecret);
    },
  };
}
