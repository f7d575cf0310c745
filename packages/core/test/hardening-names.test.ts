import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BridgeHarness, startBridgeHarness } from './support/bridge-harness.js';
import { type ApiAnswer, client } from './support/sign-up-client.js';

describe('names (item 18)', () => {
  let h: BridgeHarness;
  let api: ReturnType<typeof client>;
  let next = 740;
  const phone = () => {
    next += 1;
    return `+1415555${String(next).padStart(4, '0')}`;
  };
  beforeAll(async () => {
    h = await startBridgeHarness({ defaultCountry: 'US', verification: 'none' });
    api = client(h);
  });
  afterAll(() => h.close());

  it('stores names NFC-normalised', async () => {
    const response = await api.auth(phone(), 'Ame\u0301lie');
    expect(response.status).toBe(200);
    expect(((await response.json()) as ApiAnswer).user?.name).toBe('Amélie');
  });

  it.each([
    ['a control character', 'Ada\u0007'],
    ['a right-to-left override', 'Ada \u202Eecila'],
    ['a bidi isolate', 'Ada \u2066x\u2069'],
    ['a zero-width space', 'Ada\u200BLovelace'],
    ['a zero-width joiner between letters', 'Ad\u200Da'],
    ['a line separator', 'Ada\u2028Lovelace'],
    ['a paragraph separator', 'Ada\u2029Lovelace'],
    ['a newline', 'Bank Fraud Dept\nCall +1 900 234 5678'],
    ['65 characters', 'A'.repeat(65)],
  ])('refuses a name with %s: 400 naming the field', async (_, name) => {
    const response = await api.auth(phone(), name);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiAnswer).error?.message).toMatch(/"name"/);
  });

  it('counts characters, not UTF-16 units: 64 emoji are a valid name', async () => {
    const response = await api.auth(phone(), '🦊'.repeat(64));
    expect(response.status).toBe(200);
  });

  it('keeps emoji sequences joined by zero-width joiners', async () => {
    const response = await api.auth(phone(), '👩‍💻 Ada');
    expect(response.status).toBe(200);
    expect(((await response.json()) as ApiAnswer).user?.name).toBe('👩‍💻 Ada');
  });

  it("puts a chat author's name in a text as one short line", async () => {
    const ada = '+14155550799';
    const adaId = await h.addMember('Ada', ada);
    await h.streamServer.upsertUsers([
      { id: 'mallory', name: `Bank Fraud Dept\nCall +1 900 234 5678 now\u202E${'x'.repeat(40)}` },
    ]);
    await h.streamServer.channel('messaging', 'chatty-kathy').addMembers(['mallory']);
    await h.streamServer
      .channel('messaging', 'chatty-kathy')
      .sendMessage({ text: 'hi @Ada', user_id: 'mallory', mentioned_users: [adaId] });
    await h.stream.webhooksIdle();
    const [text] = h.textsTo(ada);
    const author = /^Chat from @(.*):\n\nhi @Ada$/s.exec(text ?? '')?.[1];
    expect(author).toBeDefined();
    expect(author).not.toMatch(/[\n\r\u2028\u2029\u202E]/);
    expect(Array.from(author ?? '').length).toBeLessThanOrEqual(40);
  });
});
