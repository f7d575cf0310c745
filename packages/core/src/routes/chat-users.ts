import type { BridgeConfig } from '../bridge-config.js';
import type { Member } from '../store.js';

/** Configs whose system user, and whose bot, exist in the chat (once per process is enough). */
const systemUserReady = new WeakSet<BridgeConfig>();
const botReady = new WeakSet<BridgeConfig>();

/** The user that creates the channel, created in the chat on first need. */
export async function ensureSystemUser(config: BridgeConfig): Promise<void> {
  if (systemUserReady.has(config)) return;
  await config.chat.upsertUser({ id: config.systemUserId, name: 'SMS bridge' });
  systemUserReady.add(config);
}

/** The bot as a chat user and channel member, so its answers can be posted and mentioned. */
export async function ensureBotMember(config: BridgeConfig): Promise<void> {
  const { bot } = config;
  if (!bot || botReady.has(config)) return;
  await ensureSystemUser(config);
  await config.chat.upsertUser({
    id: bot.id,
    name: bot.name,
    ...(bot.image ? { image: bot.image } : {}),
  });
  await config.chat.ensureMembers(config.channel, config.systemUserId, [bot.id]);
  botReady.add(config);
}

/**
 * Tells the chat whether a member gets texts (`smsbridge_sms: 'active' | 'opted_out'` on their
 * chat user), so a chat app can mark SMS members and those who texted STOP. Members who never
 * verified a phone have no chat user to update.
 */
export async function syncMemberToChat(config: BridgeConfig, member: Member): Promise<void> {
  if (!member.verified || member.name === '') return;
  await config.chat.upsertUser({
    id: member.id,
    name: member.name,
    ...(member.image ? { image: member.image } : {}),
    smsStatus: member.status,
  });
}
