import type { InboundSms } from '../interfaces.js';
import { BRIDGE_SOURCE_FIELD } from '../message-source.js';
import { classifyKeyword } from '../policy/keywords.js';
import { fillTemplate } from '../policy/sms-text.js';
import type { Member, MemberStatus } from '../store.js';
import { syncMemberToChat } from './chat-users.js';
import type { CallContext } from './context.js';
import { resolveMentions } from './mention-lookup.js';

/**
 * Decides and acts on one inbound text; returns the texts to reply with.
 *
 * - Opt-out keywords act for anyone, a stranger included (recorded for that number, no sign-up
 *   reply); Twilio confirms, so the bridge says nothing unless a confirmation is configured.
 * - Opt-in keywords act only for an opted-out member; from an active member "YES" is a message.
 * - HELP/INFO are always answered and never posted.
 * - An unknown number gets the sign-up reply; nothing is posted.
 * - Anything else is posted as the member, opted out or not (they may speak, they get no texts).
 */
export async function handleInboundSms(
  sms: InboundSms,
  { config }: CallContext,
): Promise<string[]> {
  const { store, messages } = config;
  const values = {
    channel: config.channel.name ?? config.channel.id,
    signupUrl: config.signupUrl ?? '',
  };
  const keyword = classifyKeyword(sms.body);
  const member = await store.getMemberByPhone(sms.from);

  if (keyword === 'opt_out') {
    if (member) await setStatus(sms.from, 'opted_out', config);
    else await recordStrangerOptOut(sms.from, config.store);
    return messages.optOutConfirmation ? [fillTemplate(messages.optOutConfirmation, values)] : [];
  }
  if (keyword === 'opt_in' && member?.status === 'opted_out') {
    await setStatus(sms.from, 'active', config);
    return [fillTemplate(messages.welcomeBack, values)];
  }
  if (keyword === 'help') return [fillTemplate(messages.help, values)];
  if (!member?.verified) {
    return [fillTemplate(config.signupUrl ? messages.signup : messages.signupWithoutLink, values)];
  }
  await postAsMember(member, sms, config);
  return [];
}

/**
 * A stranger's STOP is kept as an unverified, opted-out member without a name: not in the chat,
 * never texted, and still opted out if that number signs up later.
 */
async function recordStrangerOptOut(phone: string, store: CallContext['config']['store']) {
  await store.upsertMember({
    phone,
    name: '',
    verified: false,
    newId: `sms-${crypto.randomUUID()}`,
  });
  await store.setMemberStatus(phone, 'opted_out');
}

/** Records STOP or START in the store and on the member's chat user. */
async function setStatus(phone: string, status: MemberStatus, config: CallContext['config']) {
  const member = await config.store.setMemberStatus(phone, status);
  if (member) await syncMemberToChat(config, member);
}

async function postAsMember(member: Member, sms: InboundSms, config: CallContext['config']) {
  // "@Ada Lovelace", "@ada" (the only Ada) and the bot, written as web clients write mentions.
  const { text, mentionedUserIds } = await resolveMentions(sms.body, config);
  await config.chat.postMessage(config.channel, {
    // Derived from Twilio's MessageSid: a retried webhook that slips past dedupe still cannot
    // post twice, because the chat refuses a second message with this id.
    id: `sms-${sms.messageId}`,
    userId: member.id,
    text: [text, ...sms.mediaUrls].filter((part) => part !== '').join('\n'),
    mentionedUserIds,
    custom: { [BRIDGE_SOURCE_FIELD]: 'sms' },
  });
}
