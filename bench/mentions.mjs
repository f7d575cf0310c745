// An inbound text with @mentions by name, resolved against a store of 10 members and one of
// 100,000: the bridge resolves the words after each @ with indexed lookups, so the per-text cost
// must not grow with the member count. Both bridges run in this process against the same Stream
// emulator, in interleaved rounds, so neither gets a warmer JIT or a quieter machine.
import { createStreamChatTransport } from '@smsbridge/core/stream';
import { benchBridge, CHANNEL, check, KEYS, signedSms, startEmulators } from './lib.mjs';

const SENDER = { id: 'sender', name: 'Sender', phone: '+14155550100' };
const TEXT = '@Ada Lovelace are you in? @member 7 and @Nobody Here too';

async function populate(store, count) {
  await store.upsertMember({ ...SENDER, verified: true, newId: SENDER.id });
  await store.upsertMember({
    phone: '+14155550101',
    name: 'Ada Lovelace',
    verified: true,
    newId: 'ada',
  });
  for (let i = 0; i < count; i += 1) {
    await store.upsertMember({
      phone: `+1${String(2_000_000_000 + i)}`,
      name: `Member ${i}`,
      verified: true,
      newId: `member-${i}`,
    });
  }
}

/** Sends `count` signed texts to `bridge`; returns the milliseconds they took. */
async function texts(bridge, label, first, count) {
  const url = `http://bench-${label}/sms`;
  const started = performance.now();
  for (let i = first; i < first + count; i += 1) {
    const sms = signedSms(url, { sid: `SM${label}${i}`, from: SENDER.phone, body: TEXT });
    const response = await bridge.fetch(
      new Request(url, { method: 'POST', headers: sms.headers, body: sms.body }),
    );
    await response.arrayBuffer();
    check(response.status === 200, `a text to the ${label} bridge answered ${response.status}`);
  }
  return performance.now() - started;
}

/** The chat side: the channel, with the sender and everyone the text mentions as members. */
async function seedChat(emulators) {
  const chat = createStreamChatTransport({
    apiKey: KEYS.apiKey,
    apiSecret: KEYS.apiSecret,
    baseURL: emulators.stream.url,
  });
  const users = [
    { id: 'smsbridge', name: 'SMS bridge' },
    SENDER,
    { id: 'ada', name: 'Ada Lovelace' },
    { id: 'member-7', name: 'Member 7' },
  ];
  for (const { id, name } of users) await chat.upsertUser({ id, name });
  await chat.ensureMembers(
    CHANNEL,
    'smsbridge',
    users.slice(1).map((user) => user.id),
  );
}

export async function benchMentions({ quick }) {
  const rounds = quick ? 4 : 10;
  const perRound = quick ? 50 : 100;
  const emulators = await startEmulators();
  await seedChat(emulators);
  const small = benchBridge(emulators);
  const large = benchBridge(emulators);
  await populate(small.store, 10);
  await populate(large.store, 100_000);
  await texts(small.bridge, 'small', -perRound, perRound); // warm up both before measuring
  await texts(large.bridge, 'large', -perRound, perRound);
  let smallMs = 0;
  let largeMs = 0;
  for (let round = 0; round < rounds; round += 1) {
    smallMs += await texts(small.bridge, 'small', round * perRound, perRound);
    largeMs += await texts(large.bridge, 'large', round * perRound, perRound);
  }
  const posted = emulators.stream.getMessages(`${CHANNEL.type}:${CHANNEL.id}`);
  const last = posted.at(-1);
  check(
    last?.text === '@Ada Lovelace are you in? @Member 7 and @Nobody Here too',
    `the mentions were not resolved: ${last?.text}`,
  );
  check(
    JSON.stringify((last?.mentioned_users ?? []).map((user) => user.id).sort()) ===
      JSON.stringify(['ada', 'member-7']),
    'the posted text does not mention Ada and Member 7',
  );
  check(posted.length === 2 * (rounds + 1) * perRound, 'every text posted exactly once');
  await emulators.close();
  await small.store.close();
  await large.store.close();
  const texted = rounds * perRound;
  return {
    texts: texted,
    members_small: 10,
    members_large: 100_000,
    small_ms_per_text: +(smallMs / texted).toFixed(2),
    large_ms_per_text: +(largeMs / texted).toFixed(2),
    ratio: +(largeMs / smallMs).toFixed(2),
  };
}
