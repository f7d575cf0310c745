// Inbound texts with @mentions by name, resolved against a store of 10 members and one of
// MEMBERS, both bridges in this one process (their own comparison) in interleaved rounds, posting
// to the upstream (UPSTREAM_URL) in another. Texts are signed before each timed batch.
import { addMember, benchBridge, logged } from './bridge.mjs';
import { signedSms } from './lib.mjs';

const SENDER = { id: 'sender', name: 'Sender', phone: '+14155550100' };
const TEXT = '@Ada Lovelace are you in? @member 7 and @Nobody Here too';
const rounds = Number(process.env.ROUNDS);
const perRound = Number(process.env.PER_ROUND);

async function populate(store, count) {
  await addMember(store, SENDER);
  await addMember(store, { id: 'ada', name: 'Ada Lovelace', phone: '+14155550101' });
  for (let i = 0; i < count; i += 1) {
    await addMember(store, {
      id: `member-${i}`,
      name: `Member ${i}`,
      phone: `+1${String(2_000_000_000 + i)}`,
    });
  }
}

/** Sends `count` signed texts to `bridge`; returns the milliseconds they took. */
async function texts(bridge, label, first, count) {
  const url = `http://bench-${label}/sms`;
  const signed = Array.from({ length: count }, (_, i) =>
    signedSms(url, { sid: `SM${label}${first + i}`, from: SENDER.phone, body: TEXT }),
  );
  const started = performance.now();
  for (const sms of signed) {
    const response = await bridge.fetch(
      new Request(url, { method: 'POST', headers: sms.headers, body: sms.body }),
    );
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`a text answered ${response.status}`);
  }
  return performance.now() - started;
}

const small = benchBridge(process.env.UPSTREAM_URL);
const large = benchBridge(process.env.UPSTREAM_URL);
await populate(small.store, 10);
await populate(large.store, Number(process.env.MEMBERS));
await texts(small.bridge, 'small', -perRound, perRound); // warm up both before measuring
await texts(large.bridge, 'large', -perRound, perRound);
let smallMs = 0;
let largeMs = 0;
for (let round = 0; round < rounds; round += 1) {
  smallMs += await texts(small.bridge, 'small', round * perRound, perRound);
  largeMs += await texts(large.bridge, 'large', round * perRound, perRound);
}
process.stdout.write(`${JSON.stringify({ smallMs, largeMs, logged })}\n`);
