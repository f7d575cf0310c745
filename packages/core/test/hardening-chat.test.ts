import { signStreamWebhook } from '@smsbridge/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Bot, type BridgeOptions, createQuoteBot } from '../src/index.js';
import { BRIDGE_NUMBER, type BridgeHarness, startBridgeHarness } from './support/bridge-harness.js';

const KATHY = { id: 'kathy', name: 'Chatty Kathy' };

/** Starts a harness with one SMS member, Ada (offline: no chat connection), and `bot`. */
async function withAda(options: Partial<BridgeOptions>, phone: string) {
  const h = await startBridgeHarness(options);
  const adaId = await h.addMember('Ada Lovelace', phone);
  const general = h.streamServer.channel('messaging', 'chatty-kathy');
  const aliceSays = async (text: string, mentions: string[]) => {
    await general.sendMessage({ text, user_id: 'alice', mentioned_users: mentions });
    // A failing webhook is retried by the emulator: wait for every attempt.
    await h.stream.webhooksIdle();
    await h.stream.webhooksIdle();
  };
  return { h, adaId, aliceSays };
}

describe('exactly once, also when the bot or the chat fails halfway (items 4, 5, 6)', () => {
  const started: BridgeHarness[] = [];
  afterAll(() => Promise.all(started.map((h) => h.close())));

  it('texts each member once when the bot throws and Stream retries the webhook', async () => {
    const failingBot: Bot = {
      ...KATHY,
      respond: vi.fn(async () => {
        throw new Error('bot crashed');
      }),
    };
    const { h, adaId, aliceSays } = await withAda({ bot: failingBot }, '+14155550801');
    started.push(h);
    await aliceSays('Dinner, @Ada?', [adaId]);
    expect(h.stream.webhookAttempts.length).toBeGreaterThan(1); // the bot's failure is retried
    expect(h.textsTo('+14155550801')).toEqual(['Chat from @Alice Anders:\n\nDinner, @Ada?']);
  });

  it("texts each member once when the chat refuses the bot's post (429)", async () => {
    const bot = createQuoteBot({ ...KATHY, trigger: 'every-message', quotes: ['Hi.'] });
    const { h, adaId, aliceSays } = await withAda({ bot }, '+14155550802');
    started.push(h);
    h.stream.addFault({
      method: 'POST',
      path: /\/message$/,
      match: (body) => (body.message as { user_id?: string } | undefined)?.user_id === 'kathy',
      status: 429,
    });
    await aliceSays('Lunch, @Ada?', [adaId]);
    expect(h.textsTo('+14155550802')).toEqual(['Chat from @Alice Anders:\n\nLunch, @Ada?']);
  });

  it('texts once when a captured message.new is replayed with new webhook ids', async () => {
    const { h, adaId, aliceSays } = await withAda({}, '+14155550803');
    started.push(h);
    await aliceSays('Call me, @Ada', [adaId]);
    const index = h.received.findIndex((request) => request.path === '/chat');
    const original = h.received[index];
    for (const attempt of [1, 2, 3]) {
      const headers = new Headers(original?.headers);
      headers.set('x-webhook-id', `replayed-${attempt}`);
      const response = await fetch(`${h.server.url}/chat`, {
        method: 'POST',
        headers,
        body: original?.body ?? null,
      });
      expect(response.status).toBe(200);
    }
    expect(h.textsTo('+14155550803')).toHaveLength(1);
  });

  it('ignores a captured message.new older than the dedupe window, whose claims are gone', async () => {
    const { h, adaId, aliceSays } = await withAda({ dedupeTtlSeconds: 3600 }, '+14155550805');
    started.push(h);
    await aliceSays('Fresh, @Ada', [adaId]);
    const original = h.received.find((request) => request.path === '/chat');
    const event = JSON.parse(new TextDecoder().decode(original?.body));
    event.message.id = 'an-old-message';
    event.message.created_at = new Date(Date.now() - 2 * 3600_000).toISOString();
    const body = JSON.stringify(event);
    const headers = new Headers(original?.headers);
    headers.set('x-signature', signStreamWebhook('bridge-secret', body));
    headers.delete('content-length');
    const response = await fetch(`${h.server.url}/chat`, { method: 'POST', headers, body });
    expect(await response.json()).toEqual({ status: 'ignored' });
    expect(h.textsTo('+14155550805')).toHaveLength(1);
  });

  it("never calls a bot's respond for a bot's own post, so a careless bot cannot loop", async () => {
    const echo = vi.fn(
      async ({ message }: { message: { text: string } }) => `echo: ${message.text}`,
    );
    const carelessBot: Bot = { ...KATHY, respond: echo };
    const { h, aliceSays } = await withAda({ bot: carelessBot }, '+14155550804');
    started.push(h);
    await aliceSays('hello room', []);
    for (let round = 0; round < 5; round += 1) await h.stream.webhooksIdle();
    const botPosts = h.stream
      .getMessages('messaging:chatty-kathy')
      .filter((m) => (m.user as { id: string }).id === 'kathy');
    expect(botPosts.map((m) => m.text)).toEqual(['echo: hello room']);
    expect(echo).toHaveBeenCalledTimes(1);
  });
});

describe("the bot's answer by text only to those who asked it (item 21)", () => {
  let h: BridgeHarness;
  const ADA = '+14155550811';
  beforeAll(async () => {
    const bot = createQuoteBot({ ...KATHY, trigger: 'every-message', quotes: ['Keep going.'] });
    ({ h } = await withAda({ bot }, ADA));
  });
  afterAll(() => h.close());

  it('answers an SMS member in the chat, but texts them only when their text mentioned the bot', async () => {
    await h.twilio.sendSms({ from: ADA, to: BRIDGE_NUMBER, body: 'good morning all' });
    for (let round = 0; round < 3; round += 1) await h.stream.webhooksIdle();
    const answers = () =>
      h.stream
        .getMessages('messaging:chatty-kathy')
        .filter((m) => (m.user as { id: string }).id === 'kathy');
    expect(answers()).toHaveLength(1);
    expect(h.textsTo(ADA)).toEqual([]);

    await h.twilio.sendSms({ from: ADA, to: BRIDGE_NUMBER, body: '@Chatty_Kathy any advice?' });
    for (let round = 0; round < 3; round += 1) await h.stream.webhooksIdle();
    expect(answers()).toHaveLength(2);
    expect(h.textsTo(ADA)).toEqual(['Chat from @Chatty Kathy:\n\n@Ada Lovelace Keep going.']);
  });
});

describe('throttle: texts per author and per member (item 19)', () => {
  let h: BridgeHarness;
  const phones = Array.from({ length: 40 }, (_, i) => `+1415555${String(900 + i)}`);
  const ids: string[] = [];
  beforeAll(async () => {
    h = await startBridgeHarness();
    for (const [i, phone] of phones.entries()) ids.push(await h.addMember(`Member ${i}`, phone));
  });
  afterAll(() => h.close());
  const sentTexts = () => h.twilio.messages.filter((m) => m.source === 'api');

  it('sends one author at most 30 texts a minute by default; the rest is skipped and logged', async () => {
    await h.streamServer.channel('messaging', 'chatty-kathy').sendMessage({
      text: 'Everyone, look!',
      user_id: 'alice',
      mentioned_users: ids,
    });
    await h.stream.webhooksIdle();
    expect(sentTexts()).toHaveLength(30);
    expect(h.warnings.filter((w) => /throttle/i.test(w))).toHaveLength(10);
  });

  it('texts one member at most 10 times a minute by default', async () => {
    await h.streamServer.upsertUsers([{ id: 'carol', name: 'Carol' }]);
    await h.streamServer.channel('messaging', 'chatty-kathy').addMembers(['carol']);
    const before = h.textsTo(phones[39] ?? '').length;
    for (let i = 0; i < 12; i += 1) {
      await h.streamServer.channel('messaging', 'chatty-kathy').sendMessage({
        text: `ping ${i}`,
        user_id: 'carol',
        mentioned_users: [ids[39] ?? ''],
      });
    }
    await h.stream.webhooksIdle();
    expect(h.textsTo(phones[39] ?? '').length - before).toBe(10);
  });
});
