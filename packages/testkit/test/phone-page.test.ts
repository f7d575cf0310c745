import type { Browser } from 'playwright-core';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioEmulator, type TwilioEmulator } from '../src/twilio/index.js';
import { artifactPath, browserUnavailable, launchChromium } from './support/browser.js';
import { startReceiver, type WebhookReceiver } from './support/receiver.js';

const accountSid = `AC${'e'.repeat(32)}`;
const authToken = 'phone-page-token';
const bridgeNumber = '+15005550006';
const phone = '+15551234567';

describe.skipIf(browserUnavailable())('phone simulator page in Chromium', () => {
  let emulator: TwilioEmulator;
  let receiver: WebhookReceiver;
  let browser: Browser;

  beforeAll(async () => {
    // The "bridge": answers each text with a TwiML reply quoting it.
    receiver = await startReceiver((request) => {
      const body = new URLSearchParams(String(request.rawBody)).get('Body') ?? '';
      return {
        status: 200,
        contentType: 'text/xml',
        body: `<?xml version="1.0" encoding="UTF-8"?><Response><Message>You said: ${body.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</Message></Response>`,
      };
    });
    emulator = await startTwilioEmulator({
      accountSid,
      authToken,
      phoneNumbers: [bridgeNumber],
      smsWebhookUrl: `${receiver.url}/bridge/sms`,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
    await receiver?.close();
  });

  it('texts the webhook from the page, shows the TwiML reply and live API sends', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });

    await page.goto(`${emulator.url}/phone`);
    await page.getByLabel('Phone number').fill(phone);
    await page.getByRole('button', { name: 'Use' }).click();
    await expect.poll(() => page.locator('#me').textContent()).toBe(`you are ${phone}`);
    await expect.poll(() => page.locator('#to').inputValue()).toBe(bridgeNumber);

    // A <script> tag typed by the phone must render as text, not run.
    const text = 'Hi from my phone <b>bold?</b>';
    await page.getByLabel('Message').fill(text);
    await page.getByRole('button', { name: 'Send' }).click();

    await page.locator('.bubble.received', { hasText: `You said: ${text}` }).waitFor();
    expect(await page.locator('.bubble.sent').last().textContent()).toBe(text);
    expect(await page.locator('.bubble b').count()).toBe(0);

    const [request] = receiver.requests;
    const form = Object.fromEntries(new URLSearchParams(String(request?.rawBody)));
    expect(form).toMatchObject({ From: phone, To: bridgeNumber, Body: text });
    const signature = String(request?.headers['x-twilio-signature']);
    expect(twilio.validateRequest(authToken, signature, `${receiver.url}/bridge/sms`, form)).toBe(
      true,
    );

    // A send through the real SDK appears live (SSE), with no reload.
    const client = twilio(accountSid, authToken, { httpClient: emulator.httpClient });
    await client.messages.create({
      to: phone,
      from: bridgeNumber,
      body: 'Chat from @Alice:\n\nsee you at 6?',
    });
    await page.locator('.bubble.received', { hasText: 'see you at 6?' }).waitFor();
    await page.locator('.meta', { hasText: 'Delivered' }).last().waitFor();
    expect(await page.locator('.phones button').first().textContent()).toContain(phone);

    // STOP: the carrier confirms it, blocks the bridge's TwiML answer (21610), and the page
    // shows both; further API sends fail before any message exists.
    await page.getByLabel('Message').fill('STOP');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.bubble.received', { hasText: 'successfully been unsubscribed' }).waitFor();
    await page.locator('.meta', { hasText: 'Automatic reply from the carrier' }).waitFor();
    await page.locator('.meta.error', { hasText: 'Failed (21610)' }).waitFor();
    expect(await page.locator('.bubble.failed').textContent()).toBe('You said: STOP');
    const blocked = await client.messages
      .create({ to: phone, from: bridgeNumber, body: 'are you there?' })
      .catch((error: unknown) => error);
    expect(blocked).toMatchObject({ code: 21610 });

    await page.screenshot({ path: artifactPath('phone-simulator.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fits a 390 px wide phone: panel and conversation on screen, nothing off to the left', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const small = '+15551234568';
    await page.goto(`${emulator.url}/phone?phone=${encodeURIComponent(small)}`);
    await page.locator('#me', { hasText: small }).waitFor();

    // Nothing wider than the screen, so nothing to scroll sideways to (or unable to reach).
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    for (const selector of ['.panel', '.phone', '#body', '#send', '#new-phone']) {
      const box = await page.locator(selector).boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box?.x, `${selector} starts on screen`).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? 0) + (box?.width ?? 0), `${selector} ends on screen`).toBeLessThanOrEqual(
        390,
      );
    }

    // Both halves work: pick the number in the panel, then text from the conversation.
    await page.locator('.phones button', { hasText: small }).click();
    await page.getByLabel('Message').fill('Small screen, still here');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.bubble.received', { hasText: 'You said: Small screen' }).waitFor();
    // The whole page: the panel above, the phone below (it is one screen tall, so it scrolls).
    await page.screenshot({ path: artifactPath('phone-simulator-390.png'), fullPage: true });
    await page.close();
  });

  it('says so when no webhook is configured instead of failing silently', async () => {
    emulator.setWebhookUrl(undefined);
    const page = await browser.newPage();
    await page.goto(`${emulator.url}/phone?phone=${encodeURIComponent(phone)}`);
    await page.locator('#notice', { hasText: 'No SMS webhook URL' }).waitFor();
    await page.getByLabel('Message').fill('anyone?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('#notice', { hasText: 'nothing receives this text' }).waitFor();
    await page.screenshot({ path: artifactPath('phone-simulator-no-webhook.png') });
    emulator.setWebhookUrl(`${receiver.url}/bridge/sms`);
    await page.close();
  });
});
