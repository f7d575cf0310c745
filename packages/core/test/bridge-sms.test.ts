import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_SOURCE_FIELD } from '../src/index.js';
import { BRIDGE_NUMBER, type BridgeHarness, startBridgeHarness } from './support/bridge-harness.js';

const ADA = '+14155550101';
const BOB = '+14155550102';

describe('POST /sms (inbound texts)', () => {
  let h: BridgeHarness;
  let adaId: string;
  let bobId: string;
  const posted = () => h.stream.getMessages('messaging:chatty-kathy');
  const postedTexts = () => posted().map((m) => m.text);

  beforeAll(async () => {
    h = await startBridgeHarness({ signupUrl: 'https://example.com/join' });
    adaId = await h.addMember('Ada Lovelace', ADA);
    bobId = await h.addMember('Bob', BOB);
  });
  afterAll(() => h.close());

  it("posts a member's text as them, marked as from SMS, with @mentions resolved", async () => {
    const result = await h.twilio.sendSms({
      from: ADA,
      to: BRIDGE_NUMBER,
      body: 'Hi @bob, see you at 6?',
    });
    expect(result).toEqual({ status: 200, replies: [] });
    // The mention is written as web clients write it, so they highlight it.
    const message = posted().find((m) => m.text === 'Hi @Bob, see you at 6?');
    expect(message).toMatchObject({
      user: { id: adaId, name: 'Ada Lovelace' },
      [BRIDGE_SOURCE_FIELD]: 'sms',
      mentioned_users: [expect.objectContaining({ id: bobId })],
    });
    expect(String(message?.id)).toBe(`sms-${h.twilio.inbound.at(-1)?.sid}`);
    expect(JSON.stringify(message)).not.toContain(ADA);
  });

  it('posts a retried webhook once, and one of ten concurrent duplicates', async () => {
    await h.twilio.sendSms({ from: ADA, to: BRIDGE_NUMBER, body: 'said once' });
    const index = h.received.findIndex((r) =>
      new TextDecoder().decode(r.body).includes('said+once'),
    );
    const retry = await h.replay(index);
    expect(retry.status).toBe(200);
    expect(await retry.text()).toContain('<Response/>');
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => h.replay(index)));
    expect(concurrent.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(postedTexts().filter((text) => text === 'said once')).toHaveLength(1);
  });

  it('posts a text whose first delivery failed when Twilio retries it', async () => {
    // The chat refuses the first attempt (the emulator is down), so the bridge answers 503 and
    // releases its dedupe key; the retry must then post.
    const url = h.stream.url;
    await h.stream.close();
    const first = await h.twilio.sendSms({
      from: ADA,
      to: BRIDGE_NUMBER,
      body: 'survives an outage',
    });
    expect(first.status).toBe(503);
    expect(h.warnings.some((w) => w.includes('Request failed'))).toBe(true);
    h.stream = await (await import('@smsbridge/testkit')).startStreamEmulator({
      apiKey: 'bridge-key',
      apiSecret: 'bridge-secret',
      port: Number(new URL(url).port),
    });
    await h.reseed();
    const index = h.received.findIndex((r) =>
      new TextDecoder().decode(r.body).includes('survives+an+outage'),
    );
    expect((await h.replay(index)).status).toBe(200);
    expect(postedTexts()).toContain('survives an outage');
  });

  it('refuses a forged or unsigned webhook with 403 and posts nothing', async () => {
    const form = new URLSearchParams({
      MessageSid: `SM${'0'.repeat(32)}`,
      From: ADA,
      To: BRIDGE_NUMBER,
      Body: 'forged',
    });
    for (const signature of ['AAAA', undefined]) {
      const response = await fetch(`${h.server.url}/sms`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(signature ? { 'x-twilio-signature': signature } : {}),
        },
        body: form,
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: { code: 'forbidden_signature', message: expect.any(String) },
      });
    }
    expect(postedTexts()).not.toContain('forged');
  });

  it('opts out on STOP (whole body, any case), without a second confirmation', async () => {
    const result = await h.twilio.sendSms({ from: BOB, to: BRIDGE_NUMBER, body: '  Stop ' });
    expect(result.replies).toEqual([]);
    expect((await h.store.getMemberByPhone(BOB))?.status).toBe('opted_out');
    expect(postedTexts()).not.toContain('  Stop ');
  });

  it('posts an opted-out member\u2019s ordinary texts, and messages that only contain keywords', async () => {
    for (const body of ["don't stop", 'restart', 'christopher', 'yes please']) {
      await h.twilio.sendSms({ from: BOB, to: BRIDGE_NUMBER, body });
    }
    expect(postedTexts()).toEqual(
      expect.arrayContaining(["don't stop", 'restart', 'christopher', 'yes please']),
    );
    expect((await h.store.getMemberByPhone(BOB))?.status).toBe('opted_out');
  });

  it('reactivates on START with a welcome back; YES from an active member is a message', async () => {
    const result = await h.twilio.sendSms({ from: BOB, to: BRIDGE_NUMBER, body: 'start' });
    expect(result.replies.map((r) => r.body)).toEqual([
      expect.stringContaining('Welcome back to Chatty Kathy'),
    ]);
    expect((await h.store.getMemberByPhone(BOB))?.status).toBe('active');
    await h.twilio.sendSms({ from: BOB, to: BRIDGE_NUMBER, body: 'YES' });
    expect(postedTexts()).toContain('YES');
  });

  it('answers HELP and INFO without posting', async () => {
    for (const body of ['HELP', 'info']) {
      const result = await h.twilio.sendSms({ from: ADA, to: BRIDGE_NUMBER, body });
      expect(result.replies.map((r) => r.body)).toEqual([expect.stringContaining('Reply STOP')]);
    }
    expect(postedTexts()).not.toContain('HELP');
    expect(postedTexts()).not.toContain('info');
  });

  it('replies to an unknown number with the sign-up link and posts nothing', async () => {
    const stranger = '+14155550199';
    const result = await h.twilio.sendSms({
      from: stranger,
      to: BRIDGE_NUMBER,
      body: 'who is this?',
    });
    expect(result.replies.map((r) => r.body)).toEqual([
      'This number is not signed up for Chatty Kathy. Sign up at https://example.com/join',
    ]);
    expect(postedTexts()).not.toContain('who is this?');
  });

  it("records a stranger's STOP with no sign-up reply", async () => {
    const stranger = '+14155550198';
    const result = await h.twilio.sendSms({ from: stranger, to: BRIDGE_NUMBER, body: 'STOP' });
    expect(result.replies).toEqual([]);
    expect(await h.store.getMemberByPhone(stranger)).toMatchObject({
      status: 'opted_out',
      verified: false,
    });
  });
});
