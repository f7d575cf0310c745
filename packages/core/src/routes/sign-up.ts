import type { BridgeConfig } from '../bridge-config.js';
import { ensureBotMember, ensureSystemUser, syncMemberToChat } from './chat-users.js';

/** What a verified sign-up answers: the chat user, a token for it, and the channel to open. */
export interface SignUpResult {
  user: { id: string; name: string; image?: string };
  token: string;
  channel: { type: string; id: string; name?: string };
}

/**
 * Links a proven phone to a chat member: the store member (one per phone, its id kept), the chat
 * user (fields the bridge owns only; never the phone), channel membership (so the chat UI can
 * @mention them) and a chat token that expires.
 */
export async function completeSignUp(
  config: BridgeConfig,
  phone: string,
  name: string,
): Promise<SignUpResult> {
  const member = await config.store.upsertMember({
    phone,
    name,
    verified: true,
    newId: `sms-${crypto.randomUUID()}`,
  });
  await ensureSystemUser(config);
  // The bot joins with the first member, not with its first answer: a bot that answers only
  // when @mentioned must be a channel member before anyone can pick it in the composer.
  await ensureBotMember(config);
  await syncMemberToChat(config, member);
  const user: SignUpResult['user'] = { id: member.id, name: member.name };
  if (member.image) user.image = member.image;
  await config.chat.ensureMembers(config.channel, config.systemUserId, [member.id]);
  const token = await config.chat.createUserToken(
    member.id,
    new Date(Date.now() + config.tokenTtlSeconds * 1000),
  );
  const channel: SignUpResult['channel'] = { type: config.channel.type, id: config.channel.id };
  if (config.channel.name) channel.name = config.channel.name;
  return { user, token, channel };
}
