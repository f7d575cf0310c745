import { settleWithConcurrency } from '../concurrency.js';
import { SmsSendError } from '../errors.js';
import type { ChatMessage } from '../interfaces.js';
import { smsAuthorName } from '../policy/names.js';
import { fillTemplate, truncateForSms } from '../policy/sms-text.js';
import type { Member } from '../store.js';
import { syncMemberToChat } from './chat-users.js';
import { type CallContext, statusCallbackUrl } from './context.js';
import { sendText } from './send-text.js';

/** What became of one member's text. */
type TextOutcome = 'sent' | 'done_before' | 'throttled' | 'refused';

/**
 * Who gets a text for `message`: mentioned, linked, verified, active, away, not the author, and
 * not someone the message says to leave out (the asker of a bot that was not asked).
 */
async function recipients(message: ChatMessage, { config }: CallContext): Promise<Member[]> {
  const found: Member[] = [];
  const skip = new Set([message.author.id, ...(message.noTextTo ?? [])]);
  for (const mentioned of message.mentioned) {
    if (skip.has(mentioned.id) || mentioned.online) continue;
    skip.add(mentioned.id);
    const member = await config.store.getMemberById(mentioned.id);
    if (member?.verified && member.status === 'active') found.push(member);
  }
  return found;
}

/**
 * Whether `throttle` lets this text go: per chat author and per member, per minute, counted in
 * the store so every instance shares the count.
 */
async function withinThrottle(message: ChatMessage, member: Member, context: CallContext) {
  const { store, throttle, logger } = context.config;
  const byAuthor = await store.hitRateLimit(
    `texts-by:${message.author.id}`,
    60,
    throttle.textsPerAuthorPerMinute,
  );
  const toMember = byAuthor.allowed
    ? await store.hitRateLimit(`texts-to:${member.id}`, 60, throttle.textsPerMemberPerMinute)
    : undefined;
  if (toMember?.allowed) return true;
  logger.warn('[smsbridge] A text was skipped by the throttle.', {
    messageId: message.id,
    memberId: member.id,
    authorId: message.author.id,
    limit: byAuthor.allowed ? 'textsPerMemberPerMinute' : 'textsPerAuthorPerMinute',
  });
  return false;
}

/**
 * Texts one member about one message, at most once: the claim `text:<message>:<member>` is taken
 * before sending and kept once the text went (or was refused for good), so a retried or replayed
 * webhook never texts twice. A send that failed for a moment releases it and rethrows, so the
 * webhook fails and Stream's retry texts this member, and only them.
 */
async function textMember(
  message: ChatMessage,
  member: Member,
  body: string,
  context: CallContext,
): Promise<TextOutcome> {
  const { config } = context;
  const { store, dedupeTtlSeconds, deliveryTtlSeconds, logger } = config;
  const key = `text:${message.id}:${member.id}`;
  if (!(await store.claimKey(key, dedupeTtlSeconds))) return 'done_before';
  if (!(await withinThrottle(message, member, context))) return 'throttled';
  let messageId: string;
  try {
    const callbackUrl = statusCallbackUrl(config);
    ({ messageId } = await sendText(context, {
      to: member.phone,
      body,
      ...(callbackUrl ? { statusCallbackUrl: callbackUrl } : {}),
    }));
  } catch (error) {
    if (error instanceof SmsSendError && error.permanent) {
      await refused(member, error, context);
      return 'refused';
    }
    // Failed for a moment: free the claim so Stream's retry texts this member. Timed out: the
    // text may have gone, so the claim stays (never twice) and the webhook still fails.
    if (!(error instanceof SmsSendError) || error.retryable)
      await store.releaseKey(key).catch(() => {});
    throw error;
  }
  const now = new Date();
  await store
    .saveDelivery({
      messageSid: messageId,
      memberId: member.id,
      status: 'queued',
      updatedAt: now,
      expiresAt: new Date(now.getTime() + deliveryTtlSeconds * 1000),
    })
    .catch((error: unknown) =>
      // The text went: a lost delivery record must not make Stream's retry text it again.
      logger.warn('[smsbridge] A delivery record could not be saved.', {
        memberId: member.id,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  return 'sent';
}

/** A final refusal: logged; one that says the member opted out marks them so (the chat too). */
async function refused(member: Member, error: SmsSendError, { config }: CallContext) {
  if (error.optedOut) {
    const updated = await config.store.setMemberStatus(member.phone, 'opted_out');
    if (updated) await syncMemberToChat(config, updated).catch(() => {});
  }
  config.logger.warn('[smsbridge] A mention could not be texted.', {
    memberId: member.id,
    providerCode: error.providerCode,
    error: error.message,
  });
}

/**
 * Texts every mentioned SMS member about a new chat message, a bounded number at a time, each at
 * most once. One failure never stops the others. Returns how many texts were sent; rejects when a
 * text failed for a moment (after every member was tried), so Stream retries the rest.
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
      author: smsAuthorName(message.author.name),
      text: message.text,
      channel: config.channel.name ?? config.channel.id,
    }),
    config.smsMaxChars,
  );
  const results = await settleWithConcurrency(members, config.fanOutConcurrency, (member) =>
    textMember(message, member, body, context),
  );
  const failures = results.filter((result) => result.status === 'rejected');
  if (failures.length > 0) {
    config.logger.warn('[smsbridge] Texts failed for a moment; the webhook will be retried.', {
      messageId: message.id,
      failed: failures.length,
      error: String((failures[0] as PromiseRejectedResult).reason),
    });
    throw (failures[0] as PromiseRejectedResult).reason;
  }
  return results.filter((result) => result.status === 'fulfilled' && result.value === 'sent')
    .length;
}
