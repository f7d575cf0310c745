import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_SOURCE_FIELD, createQuoteBot, OFFLINE_QUOTES } from '../src/index.js';
import type { ChatMessage } from '../src/interfaces.js';
import { BRIDGE_NUMBER, type BridgeHarness, startBridgeHarness } from './support/bridge-harness.js';

const ADA = '+14155550801';
const message = (overrides: Partial<ChatMessage> = {}): ChatMessage => ({
  id: 'm1',
  text: 'hi',
  channel: { type: 'messaging', id: 'c' },
  author: { id: 'alice', name: 'Alice' },
  mentioned: [{ id: 'kathy', name: 'Chatty Kathy' }],
  fromBridge: false,
  ...overrides,
});

describe('createQuoteBot', () => {
  const bot = createQuoteBot({ id: 'kathy', name: 'Chatty Kathy', quotes: ['Stay curious.'] });

  it('answers a mention with @Author and a quote', async () => {
    expect(await bot.respond({ message: message() })).toBe('@Alice Stay curious.');
  });

  it('stays silent without a mention (default trigger), for itself and for any bot post', async () => {
    expect(await bot.respond({ message: message({ mentioned: [] }) })).toBeUndefined();
    expect(
      await bot.respond({ message: message({ author: { id: 'kathy', name: 'Chatty Kathy' } }) }),
    ).toBeUndefined();
    expect(
      await bot.respond({ message: message({ fromBridge: true, source: 'bot' }) }),
    ).toBeUndefined();
    expect(await bot.respond({ message: message({ fromBridge: true, source: 'sms' }) })).toBe(
      '@Alice Stay curious.',
    );
  });

  it("answers every human message with trigger 'every-message', from the offline list by default", async () => {
    const chatty = createQuoteBot({ id: 'kathy', name: 'Kathy', trigger: 'every-message' });
    const answer = await chatty.respond({ message: message({ mentioned: [] }) });
    expect(OFFLINE_QUOTES.map((quote) => `@Alice ${quote}`)).toContain(answer);
  });

  it('falls back to the offline list when the quote source is slow or fails', async () => {
    const slow = createQuoteBot({
      id: 'k',
      name: 'K',
      quotes: () => new Promise(() => {}),
      timeoutMs: 20,
    });
    const failing = createQuoteBot({
      id: 'k',
      name: 'K',
      quotes: () => Promise.reject(new Error('down')),
    });
    const remote = createQuoteBot({ id: 'k', name: 'K', quotes: async () => '  From the API.  ' });
    const mentionK = message({ mentioned: [{ id: 'k', name: 'K' }] });
    for (const fallback of [slow, failing]) {
      expect(OFFLINE_QUOTES.map((quote) => `@Alice ${quote}`)).toContain(
        await fallback.respond({ message: mentionK }),
      );
    }
    expect(await remote.respond({ message: mentionK })).toBe('@Alice From the API.');
  });
});

describe('the bot in a running bridge', () => {
  let h: BridgeHarness;
  let adaId: string;
  const channelMessages = () => h.stream.getMessages('messaging:chatty-kathy');
  const botPosts = () => channelMessages().filter((m) => (m.user as { id: string }).id === 'kathy');

  beforeAll(async () => {
    h = await startBridgeHarness({
      bot: createQuoteBot({ id: 'kathy', name: 'Chatty Kathy', quotes: ['Keep talking.'] }),
    });
    adaId = await h.addMember('Ada', ADA);
  });
  afterAll(() => h.close());

  it('is a channel member from the first sign-up on, so people can @mention it', async () => {
    const response = await h.bridge.fetch(
      new Request(`${h.server.url}/auth`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'First', phone: '+14155550811' }),
      }),
    );
    expect(response.status).toBe(202);
    const code = /\d{6}/.exec(h.textsTo('+14155550811')[0] ?? '')?.[0];
    const verified = await h.bridge.fetch(
      new Request(`${h.server.url}/auth/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: '+14155550811', code }),
      }),
    );
    expect(verified.status).toBe(200);
    const { members } = await h.streamServer.channel('messaging', 'chatty-kathy').queryMembers({});
    expect(members.map((member) => member.user_id)).toContain('kathy');
  });

  it('answers a web mention once, marked as a bot post, and never answers itself', async () => {
    await h.streamServer
      .channel('messaging', 'chatty-kathy')
      .sendMessage({ text: 'hey @Chatty_Kathy', user_id: 'alice', mentioned_users: ['kathy'] });
    await h.stream.webhooksIdle();
    await h.stream.webhooksIdle();
    expect(botPosts()).toEqual([
      expect.objectContaining({
        text: '@Alice Anders Keep talking.',
        [BRIDGE_SOURCE_FIELD]: 'bot',
        mentioned_users: [expect.objectContaining({ id: 'alice' })],
      }),
    ]);
  });

  it("texts an SMS member the bot's answer to their text", async () => {
    await h.twilio.sendSms({
      from: ADA,
      to: BRIDGE_NUMBER,
      body: 'tell me something @Chatty_Kathy',
    });
    await h.stream.webhooksIdle();
    await h.stream.webhooksIdle();
    expect(h.textsTo(ADA)).toEqual(['Chat from @Chatty Kathy:\n\n@Ada Keep talking.']);
    expect(botPosts()).toHaveLength(2);
  });

  it('answers in the thread the mention was in', async () => {
    const { message: root } = await h.streamServer
      .channel('messaging', 'chatty-kathy')
      .sendMessage({ text: 'thread root', user_id: 'alice' });
    await h.streamServer.channel('messaging', 'chatty-kathy').sendMessage({
      text: 'in thread @Chatty_Kathy',
      user_id: 'alice',
      parent_id: root.id,
      mentioned_users: ['kathy'],
    });
    await h.stream.webhooksIdle();
    await h.stream.webhooksIdle();
    expect(botPosts().at(-1)).toMatchObject({ parent_id: root.id, type: 'reply' });
  });

  it('ignores other channels of the app entirely', async () => {
    const before = { posts: botPosts().length, texts: h.textsTo(ADA).length };
    const other = h.streamServer.channel('messaging', 'elsewhere', {
      created_by_id: 'alice',
      members: ['alice', adaId, 'kathy'],
    });
    await other.create();
    await other.sendMessage({
      text: 'psst @Ada @Chatty_Kathy',
      user_id: 'alice',
      mentioned_users: [adaId, 'kathy'],
    });
    await h.stream.webhooksIdle();
    expect(h.stream.getMessages('messaging:elsewhere')).toHaveLength(1);
    expect({ posts: botPosts().length, texts: h.textsTo(ADA).length }).toEqual(before);
  });
});
