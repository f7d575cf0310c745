import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_NUMBER, type BridgeHarness, startBridgeHarness } from './support/bridge-harness.js';

const ADA = '+14155550201';
const BOB = '+14155550202';
const CY = '+14155550203';

describe('POST /chat (Stream webhooks)', () => {
  let h: BridgeHarness;
  let adaId: string;
  let bobId: string;
  let cyId: string;
  const general = () => h.streamServer.channel('messaging', 'chatty-kathy');
  const aliceSays = async (text: string, mentions: string[]) => {
    const { message } = await general().sendMessage({
      text,
      user_id: 'alice',
      mentioned_users: mentions,
    });
    await h.stream.webhooksIdle();
    return message;
  };

  beforeAll(async () => {
    h = await startBridgeHarness();
    adaId = await h.addMember('Ada Lovelace', ADA);
    bobId = await h.addMember('Bob', BOB);
    cyId = await h.addMember('Cy', CY);
  });
  afterAll(() => h.close());

  it('texts a mentioned SMS member, records delivery from the status callbacks', async () => {
    await aliceSays('Dinner at 6, @Ada?', [adaId]);
    expect(h.textsTo(ADA)).toEqual(['Chat from @Alice Anders:\n\nDinner at 6, @Ada?']);
    expect(h.textsTo(BOB)).toEqual([]);
    const sent = h.twilio.messages.find((m) => m.to === ADA && m.source === 'api');
    expect(sent?.statusCallback).toBe(`${h.server.url}/sms/status`);
    await h.twilio.statusCallbacksIdle();
    expect(await h.store.getDelivery(sent?.sid ?? '')).toMatchObject({
      memberId: adaId,
      status: 'delivered',
    });
  });

  it('texts everyone mentioned in one message, and never the author', async () => {
    await h.twilio.sendSms({
      from: ADA,
      to: BRIDGE_NUMBER,
      body: '@Ada_Lovelace note to self, @Bob and @Cy: lunch?',
    });
    await h.stream.webhooksIdle();
    expect(h.textsTo(BOB)).toEqual([
      'Chat from @Ada Lovelace:\n\n@Ada Lovelace note to self, @Bob and @Cy: lunch?',
    ]);
    expect(h.textsTo(CY)).toHaveLength(1);
    expect(h.textsTo(ADA)).toHaveLength(1);
  });

  it('never re-texts anyone for edits, reactions or deletions', async () => {
    const message = await aliceSays('Plans, @Bob?', [bobId]);
    const before = h.textsTo(BOB).length;
    await h.streamServer.updateMessage({
      id: message.id,
      text: 'Plans changed, @Bob?',
      user_id: 'alice',
      // The SDK types mentioned_users on updates as user objects; the API takes ids, as on sends.
      mentioned_users: [bobId] as never,
    });
    await general().sendReaction(message.id, { type: 'like', user_id: 'alice' });
    await h.streamServer.deleteMessage(message.id);
    await h.stream.webhooksIdle();
    expect(h.textsTo(BOB)).toHaveLength(before);
  });

  it('texts once when Stream retries a webhook or delivers it concurrently', async () => {
    await aliceSays('Only once, @Cy', [cyId]);
    const index = h.received.findIndex((r) =>
      new TextDecoder().decode(r.body).includes('Only once'),
    );
    const responses = await Promise.all(Array.from({ length: 5 }, () => h.replay(index)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    // Every unit of work is done already: nobody is texted by a repeat.
    for (const response of responses)
      expect(await response.json()).toEqual({ status: 'ok', texted: 0 });
    expect(h.textsTo(CY).filter((t) => t.includes('Only once'))).toHaveLength(1);
  });

  it('does not text a mentioned member who is online in the chat', async () => {
    const client = new StreamChat('bridge-key', {
      baseURL: h.stream.url,
      allowServerSideConnect: true,
    });
    await client.connectUser({ id: cyId }, h.streamServer.createToken(cyId));
    await aliceSays('You are here, @Cy', [cyId]);
    await client.disconnectUser();
    expect(h.textsTo(CY).filter((t) => t.includes('You are here'))).toEqual([]);
  });

  it('cuts long messages to the SMS budget with an ellipsis', async () => {
    await aliceSays(`@Bob ${'long story '.repeat(60)}`, [bobId]);
    const text = h.textsTo(BOB).at(-1) ?? '';
    expect(Array.from(text)).toHaveLength(320);
    expect(text.endsWith('…')).toBe(true);
  });

  it('marks a member opted out when Twilio answers 21610, and keeps texting the others', async () => {
    const removeRule = h.twilio.addFailureRule({ to: BOB, code: 21610 });
    const removeOutage = h.twilio.addFailureRule({ to: CY, code: 20500, status: 500 });
    const adaBefore = h.textsTo(ADA).length;
    await aliceSays('Anyone? @Bob @Ada @Cy', [bobId, adaId, cyId]);
    await h.stream.webhooksIdle();
    removeRule();
    removeOutage();
    expect((await h.store.getMemberByPhone(BOB))?.status).toBe('opted_out');
    expect((await h.store.getMemberByPhone(CY))?.status).toBe('active');
    // Cy's sends failed for a moment, so Stream retried the webhook; Ada was still texted once.
    expect(h.textsTo(ADA).slice(adaBefore)).toEqual([
      'Chat from @Alice Anders:\n\nAnyone? @Bob @Ada @Cy',
    ]);
    expect(h.warnings.filter((w) => w.includes('could not be texted'))).toHaveLength(1);
    expect(h.warnings.filter((w) => w.includes('failed for a moment'))).not.toHaveLength(0);
    await aliceSays('Still there, @Bob?', [bobId]);
    expect(h.textsTo(BOB).filter((t) => t.includes('Still there'))).toEqual([]);
  });

  it('refuses a forged or unsigned webhook with 401', async () => {
    const body = JSON.stringify({
      type: 'message.new',
      message: { id: 'x', text: 'hi', user: { id: 'alice' }, mentioned_users: [{ id: adaId }] },
    });
    const attempts: Record<string, string>[] = [
      { 'x-signature': 'f'.repeat(64), 'x-webhook-id': 'forged' },
      { 'x-webhook-id': 'unsigned' },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${h.server.url}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: 'invalid_signature', message: expect.any(String) },
      });
    }
  });
});
