import { settleWithConcurrency } from '../concurrency.js';
import { SmsSendError } from '../errors.js';
import type { ChatMessage } from '../interfaces.js';
import { fillTemplate, truncateForSms } from '../policy/sms-text.js';
import type { Member } from '../store.js';
import { type CallContext, statusCallbackUrl } from './context.js';

/** Twilio's "unsubscribed recipient": the phone texted STOP to the carrier. */
const TWILIO_UNSUBSCRIBED = 21610;

/** Who gets a text for `message`: mentioned, linked, verified, active, away, not the author. */
async function recipients(message: ChatMessage, { config }: CallContext): Promise<Member[]> {
  const found: Member[] = [];
  const seen = new Set<string>();
  for (const mentioned of message.mentioned) {
    if (seen.has(mentioned.id) || mentioned.id === message.author.id || mentioned.online) continue;
    seen.add(mentioned.id);
    const member = await config.store.getMemberById(mentioned.id);
    if (member?.verified && member.status === 'active') found.push(member);
  }
  return found;
}

/**
 * Texts every mentioned SMS member about a new chat message, a bounded number at a time. One
 * failure never stops the others; Twilio's 21610 marks that member opted out. Returns how many
 * texts were sent.
 */
export async function notifyMentionedMembers(
  message: ChatMessage,
  context: CallContext,
): Promise<number> {
  const { config } = context;
  const members = await recipients(message, context);
  if (members.length === 0) return 0;
  const body = truncateForSms(
    fillTemplate(config.messages.chatNotification, {
      author: message.author.name,
      text: message.text,
      channel: config.channel.name ?? config.channel.id,
    }),
    config.smsMaxChars,
  );
  const callbackUrl = statusCallbackUrl(config);
  const results = await settleWithConcurrency(members, config.fanOutConcurrency, async (member) => {
    const sent = await config.sms.send({
      to: member.phone,
      body,
      ...(callbackUrl ? { statusCallbackUrl: callbackUrl } : {}),
    });
    await config.store.saveDelivery({
      messageSid: sent.messageId,
      memberId: member.id,
      status: 'queued',
      updatedAt: new Date(),
    });
  });
  let sentCount = 0;
  for (const [index, result] of results.entries()) {
    const member = members[index] as Member;
    if (result.status === 'fulfilled') {
      sentCount += 1;
      continue;
    }
    const error = result.reason;
    if (error instanceof SmsSendError && error.providerCode === TWILIO_UNSUBSCRIBED) {
      await config.store.setMemberStatus(member.phone, 'opted_out').catch(() => {});
    }
    config.logger.warn('[smsbridge] A mention could not be texted.', {
      memberId: member.id,
      providerCode: error instanceof SmsSendError ? error.providerCode : undefined,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  return sentCount;
}
