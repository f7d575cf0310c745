import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/index.js';
import { BRIDGE_NUMBER, type BridgeHarness, startBridgeHarness } from './support/bridge-harness.js';

const ADA = '+14155550601';
const ALICE = '+14155550602';
const BOB_B = '+14155550603';
const BOB_M = '+14155550604';

/** A store whose `listMembers` fails: resolving mentions must never list every member. */
function withoutListing(store: Store): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'listMembers') {
        return () => Promise.reject(new Error('an inbound text listed every member'));
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

describe('SMS @mentions by display name (items 17, 20)', () => {
  let h: BridgeHarness;
  const ids: Record<string, string> = {};
  const textFromAda = async (body: string) => {
    await h.twilio.sendSms({ from: ADA, to: BRIDGE_NUMBER, body });
    const message = h.stream.getMessages('messaging:chatty-kathy').at(-1) ?? {};
    return {
      text: message.text,
      mentioned: ((message.mentioned_users ?? []) as { id: string }[]).map((user) => user.id),
    };
  };

  beforeAll(async () => {
    h = await startBridgeHarness({}, { wrapStore: withoutListing });
    ids.ada = await h.addMember('Ada Lovelace', ADA);
    ids.alice = await h.addMember('Alice Test', ALICE);
    ids.bobB = await h.addMember('Bob Builder', BOB_B);
    ids.bobM = await h.addMember('Bob Marley', BOB_M);
  });
  afterAll(() => h.close());

  it.each([
    ['@Alice Test lunch?', '@Alice Test lunch?'],
    ['@alice test lunch?', '@Alice Test lunch?'],
    ['@ALICE lunch?', '@Alice Test lunch?'],
    ['@Alice_Test lunch?', '@Alice Test lunch?'],
    ['lunch, @alice?', 'lunch, @Alice Test?'],
  ])('resolves "%s" to Alice Test and posts it as "%s"', async (body, posted) => {
    expect(await textFromAda(body)).toEqual({ text: posted, mentioned: [ids.alice] });
  });

  it('takes the longest name that matches, and resolves an ambiguous one to nobody', async () => {
    expect(await textFromAda('@Bob Marley plays')).toEqual({
      text: '@Bob Marley plays',
      mentioned: [ids.bobM],
    });
    expect(await textFromAda('@bob builder builds')).toEqual({
      text: '@Bob Builder builds',
      mentioned: [ids.bobB],
    });
    expect(await textFromAda('@Bob which one?')).toEqual({
      text: '@Bob which one?',
      mentioned: [],
    });
    expect(await textFromAda('@Bobby nobody')).toEqual({ text: '@Bobby nobody', mentioned: [] });
  });

  it('resolves several mentions in one text, and leaves an e-mail address alone', async () => {
    expect(await textFromAda('@Alice and @Bob Builder, mail ada@example.com')).toEqual({
      text: '@Alice Test and @Bob Builder, mail ada@example.com',
      mentioned: [ids.alice, ids.bobB],
    });
  });

  it('explains mentions by full name in the HELP reply', async () => {
    const { replies } = await h.twilio.sendSms({ from: ADA, to: BRIDGE_NUMBER, body: 'HELP' });
    expect(replies[0]?.body).toMatch(/@Ada Lovelace/);
    expect(replies[0]?.body).not.toMatch(/_/);
  });
});

describe('sends that fail for a moment are retried (item 12); logs carry no numbers (item 13)', () => {
  let h: BridgeHarness;
  let ids: Record<string, string>;
  const mention = async (text: string, id: string) => {
    await h.streamServer
      .channel('messaging', 'chatty-kathy')
      .sendMessage({ text, user_id: 'alice', mentioned_users: [id] });
    await h.stream.webhooksIdle();
  };
  beforeAll(async () => {
    h = await startBridgeHarness();
    ids = { bob: await h.addMember('Bob', BOB_B), cy: await h.addMember('Cy', BOB_M) };
  });
  afterAll(() => h.close());

  it.each([
    ['a 429', 20429],
    ['a 503', 503],
    ['a 500', 500],
  ])('texts a member whose first send met %s', async (_, code) => {
    const before = h.textsTo(BOB_B).length;
    h.twilio.failNext({ code });
    await mention(`after ${code}, @Bob`, ids.bob ?? '');
    expect(h.textsTo(BOB_B).length - before).toBe(1);
  });

  it("redacts the phone number in Twilio's error before logging it", async () => {
    const remove = h.twilio.addFailureRule({ to: BOB_M, code: 21211 });
    await mention('unreachable, @Cy', ids.cy ?? '');
    remove();
    expect(h.logs.some((line) => /Invalid 'To' Phone Number/.test(line))).toBe(true);
    for (const line of h.logs) {
      expect(line).not.toMatch(/4155550604|415.?555.?0604/);
    }
  });
});

describe('a webhook URL with a trailing slash (item 15)', () => {
  let h: BridgeHarness;
  beforeAll(async () => {
    h = await startBridgeHarness();
    await h.addMember('Ada Lovelace', ADA);
  });
  afterAll(() => h.close());

  it('verifies the signature over the URL as Twilio called it', async () => {
    h.twilio.setWebhookUrl(`${h.server.url}/sms/`);
    const result = await h.twilio.sendSms({ from: ADA, to: BRIDGE_NUMBER, body: 'slash ok' });
    expect(result.status).toBe(200);
    expect(h.stream.getMessages('messaging:chatty-kathy').map((m) => m.text)).toContain('slash ok');
  });
});
