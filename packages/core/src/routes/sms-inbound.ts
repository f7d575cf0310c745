import type { InboundSms } from '../interfaces.js';
import { BRIDGE_SOURCE_FIELD } from '../message-source.js';
import { classifyKeyword } from '../policy/keywords.js';
import { resolveMentions } from '../policy/mentions.js';
import { fillTemplate } from '../policy/sms-text.js';
import type { Member } from '../store.js';
import type { CallContext } from './context.js';

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
    if (member) await store.setMemberStatus(sms.from, 'opted_out');
    else await recordStrangerOptOut(sms.from, config.store);
    return messages.optOutConfirmation ? [fillTemplate(messages.optOutConfirmation, values)] : [];
  }
  if (keyword === 'opt_in' && member?.status === 'opted_out') {
    await store.setMemberStatus(sms.from, 'active');
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

async function postAsMember(member: Member, sms: InboundSms, config: CallContext['config']) {
  const others: { id: string; name: string }[] = (await config.store.listMembers()).filter(
    (candidate) => candidate.verified && candidate.id !== member.id && candidate.name !== '',
  );
  // The bot is a channel member too: an SMS member can @mention it to get an answer by text.
  if (config.bot) others.push({ id: config.bot.id, name: config.bot.name });
  const text = [sms.body, ...sms.mediaUrls].filter((part) => part !== '').join('\n');
  await config.chat.postMessage(config.channel, {
    // Derived from Twilio's MessageSid: a retried webhook that slips past dedupe still cannot
    // post twice, because the chat refuses a second message with this id.
    id: `sms-${sms.messageId}`,
    userId: member.id,
    text,
    mentionedUserIds: resolveMentions(sms.body, others),
    custom: { [BRIDGE_SOURCE_FIELD]: 'sms' },
  });
}
