// One fan-out in a fresh process: a message.new mentioning RECIPIENTS members, texted
// CONCURRENCY at a time through the upstream (UPSTREAM_URL, answering each text after 50 ms).
// Prints the milliseconds the webhook took and what it answered.
import { addMember, benchBridge, logged } from './bridge.mjs';
import { signedChatEvent } from './lib.mjs';

const recipients = Number(process.env.RECIPIENTS);
const { bridge, store } = benchBridge(process.env.UPSTREAM_URL, {
  fanOutConcurrency: Number(process.env.CONCURRENCY),
  // This measures how long texting everyone takes, so the throttle (30 texts per author a
  // minute) and the answer deadline (5 s; one at a time takes 10) are lifted.
  throttle: { textsPerAuthorPerMinute: recipients + 1 },
  answerTimeoutMs: 120_000,
});
const member = (i) => ({
  id: `member-${i}`,
  name: `M${i}`,
  phone: `+1415556${String(i).padStart(4, '0')}`,
});
for (let i = 0; i <= recipients; i += 1) await addMember(store, member(i));
const post = async (messageId, mentioned) => {
  const event = signedChatEvent({ webhookId: messageId, messageId, text: 'hello all', mentioned });
  const started = performance.now();
  const response = await bridge.fetch(
    new Request('http://bench/chat', { method: 'POST', headers: event.headers, body: event.body }),
  );
  const answer = await response.json();
  return { ms: performance.now() - started, status: response.status, texted: answer.texted };
};
// Warm-up, not timed: one text to member `recipients`, so the Twilio SDK is loaded before.
const mentioned = (from, to) =>
  Array.from({ length: to - from }, (_, i) => ({
    id: member(from + i).id,
    name: member(from + i).name,
  }));
await post('warm-up', mentioned(recipients, recipients + 1));
const result = await post('fan-out', mentioned(0, recipients));
process.stdout.write(`${JSON.stringify({ ...result, logged })}\n`);
