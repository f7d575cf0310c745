import * as z from 'zod';
import { BridgeError } from '../errors.js';
import { invalidRequest } from '../http/zod-error.js';
import type { ChatMessage, ChatWebhook } from '../interfaces.js';
import { BRIDGE_NO_TEXT_FIELD, BRIDGE_SOURCE_FIELD } from '../message-source.js';

const user = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  online: z.boolean().optional(),
});

const message = z.looseObject({
  id: z.string().min(1),
  text: z.string().default(''),
  cid: z.string().optional(),
  parent_id: z.string().optional(),
  created_at: z.iso.datetime({ offset: true }).optional().catch(undefined),
  user,
  mentioned_users: z.array(user).default([]),
});

const event = z.looseObject({
  type: z.string().min(1),
  channel_type: z.string().optional(),
  channel_id: z.string().optional(),
  message: message.optional(),
});

/** Turns a verified Stream webhook payload into what the bridge's routes need. */
export function chatWebhookFromPayload(payload: Uint8Array, webhookId: string): ChatWebhook {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new BridgeError('invalid_json', 'The Stream webhook body is not valid JSON.');
  }
  const parsed = event.safeParse(json);
  if (!parsed.success) throw invalidRequest(parsed.error, 'Stream webhook');
  const { type, channel_type, channel_id } = parsed.data;
  const webhook: ChatWebhook = { webhookId, type };
  const raw = parsed.data.message;
  if (!raw) return webhook;
  const [cidType, cidId] = (raw.cid ?? '').split(':');
  const chatMessage: ChatMessage = {
    id: raw.id,
    text: raw.text,
    channel: { type: channel_type ?? cidType ?? '', id: channel_id ?? cidId ?? '' },
    author: { id: raw.user.id, name: raw.user.name ?? raw.user.id },
    mentioned: raw.mentioned_users.map((mentioned) => {
      const entry: ChatMessage['mentioned'][number] = {
        id: mentioned.id,
        name: mentioned.name ?? mentioned.id,
      };
      if (mentioned.online !== undefined) entry.online = mentioned.online;
      return entry;
    }),
    fromBridge: typeof raw[BRIDGE_SOURCE_FIELD] === 'string',
  };
  if (raw.parent_id) chatMessage.parentId = raw.parent_id;
  const source = raw[BRIDGE_SOURCE_FIELD];
  if (source === 'sms' || source === 'bot') chatMessage.source = source;
  if (raw.created_at) chatMessage.createdAt = new Date(raw.created_at);
  const noText = raw[BRIDGE_NO_TEXT_FIELD];
  if (Array.isArray(noText) && chatMessage.fromBridge) {
    chatMessage.noTextTo = noText.filter((id): id is string => typeof id === 'string');
  }
  webhook.message = chatMessage;
  return webhook;
}
