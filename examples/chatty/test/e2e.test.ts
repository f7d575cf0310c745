import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifactPath,
  browserUnavailable,
} from '../../../packages/testkit/test/support/browser.js';
import { textFrom, textStop, useHarness } from './support/harness.js';

const ADA = { name: 'Ada Lovelace', national: '(415) 555-0161', e164: '+14155550161' };
const BOB = { name: 'Bob', national: '415 555 0162', e164: '+14155550162' };

describe.skipIf(browserUnavailable())('Chatty in local mode, in Chromium', () => {
  const harness = useHarness();
  /** Ada's page, signed in by the first test and used by the next. */
  let ada: Page;

  it('signs up with a texted code, posts, and the bot answers only an @mention', async () => {
    const { chatty, page, problems, codeFromPhone } = harness();
    const web = await page();
    await web.goto(chatty.url);
    await web.getByLabel('Your name').fill(ADA.name);
    await web.getByLabel('Country').selectOption('US');
    await web.getByLabel('Mobile number').fill(ADA.national);
    await web.screenshot({ path: artifactPath('chatty-0-sign-up.png') });
    await web.getByLabel('Mobile number').press('Enter');
    await web.getByLabel('Code').waitFor();
    expect(await web.evaluate(() => document.activeElement?.id)).toBe('code');

    await web.getByLabel('Code').fill('000000');
    await web.getByLabel('Code').press('Enter');
    await web.getByRole('alert').waitFor();
    expect(await web.getByRole('alert').textContent()).toMatch(/wrong or has expired/);
    // The browser logs the deliberate 401; that one, and only that one, is expected.
    expect(problems).toEqual([expect.stringContaining('status of 401')]);
    problems.length = 0;

    await web.getByLabel('Code').fill(await codeFromPhone(ADA.e164));
    await web.getByRole('button', { name: 'Join the chat' }).click();
    await web.locator('.str-chat__channel-header').getByText('Chatty').first().waitFor();

    const composer = web.locator('.str-chat__message-composer textarea').first();
    await composer.fill('Hello, is anyone here?');
    await composer.press('Enter');
    await web.locator('.str-chat__message-list').getByText('Hello, is anyone here?').waitFor();

    // The bot answers only messages that @mention it: Ada picks it in the composer's autocomplete.
    await composer.pressSequentially('Any advice, @Chatty');
    await web
      .locator('.str-chat__suggestion-list-item', { hasText: 'Chatty Kathy' })
      .first()
      .click();
    await composer.pressSequentially('?');
    await composer.press('Enter');
    await web.locator('.str-chat__li', { hasText: '@Ada Lovelace' }).waitFor();
    // Every webhook handled (the bot answers inside it): one answer, to the mention alone.
    await chatty.local?.webhooksIdle();
    expect(await harness().postsBy(chatty.publicConfig.bot.id)).toEqual([
      expect.stringMatching(/^@Ada Lovelace /),
    ]);
    await web.screenshot({ path: artifactPath('chatty-2-bot-answers.png') });

    await web.reload();
    await web.locator('.str-chat__message-list').getByText('Hello, is anyone here?').waitFor();
    ada = web;
    expect(problems).toEqual([]);
  });

  it('texts an away member, shows their SMS reply, and stops after STOP', async () => {
    const { signUp, phonePage, problems } = harness();
    // Bob signs up, then leaves: he is offline, reachable only by text.
    const bobWeb = await signUp(BOB);
    await bobWeb.close();

    // Ada, still signed in, mentions Bob with the composer's autocomplete.
    const composer = ada.locator('.str-chat__message-composer textarea').first();
    await composer.pressSequentially('Dinner at 6, @Bo');
    const suggestion = ada.locator('.str-chat__suggestion-list-item', { hasText: 'Bob' }).first();
    await suggestion.click();
    await composer.pressSequentially(' ?');
    await composer.press('Enter');
    await ada
      .locator('.str-chat__message-list')
      .getByText(/Dinner at 6/)
      .first()
      .waitFor();

    const bobPhone = await phonePage(BOB.e164);
    await bobPhone.locator('.bubble.received', { hasText: 'Chat from @Ada Lovelace' }).waitFor();
    expect(
      await bobPhone
        .locator('.bubble.received', { hasText: 'Chat from @Ada Lovelace' })
        .last()
        .textContent(),
    ).toContain('Dinner at 6, @Bob');
    await bobPhone.screenshot({ path: artifactPath('chatty-3-mention-reaches-phone.png') });

    await textFrom(bobPhone, 'Sounds good, see you there!');
    await ada.locator('.str-chat__message-list').getByText('Sounds good, see you there!').waitFor();
    await ada.screenshot({ path: artifactPath('chatty-4-sms-reply-in-chat.png') });

    // Bob mentions Ada by her display name, in lower case, from his phone: the bridge resolves
    // it, writes it as web clients do, and Ada's chat shows it as a mention of her.
    await textFrom(bobPhone, '@ada lovelace I will bring dessert');
    const mention = ada
      .locator('.str-chat__li', { hasText: 'I will bring dessert' })
      .locator('.str-chat__message-mention', { hasText: '@Ada Lovelace' });
    await mention.waitFor();
    await ada.screenshot({ path: artifactPath('chatty-4b-sms-mention-reaches-ada.png') });

    await textStop(bobPhone);
    const textsBefore = await bobPhone
      .locator('.bubble.received', { hasText: 'Chat from @Ada Lovelace' })
      .count();

    await composer.pressSequentially('Still coming, @Bo');
    await ada.locator('.str-chat__suggestion-list-item', { hasText: 'Bob' }).first().click();
    await composer.press('Enter');
    await ada.locator('.str-chat__li', { hasText: 'Still coming' }).waitFor();
    // The webhook that would text Bob has been handled: the texts, if any, have been sent.
    await harness().chatty.local?.webhooksIdle();
    await bobPhone.reload();
    await bobPhone.locator('#me', { hasText: BOB.e164 }).waitFor();
    expect(
      await bobPhone.locator('.bubble.received', { hasText: 'Chat from @Ada Lovelace' }).count(),
    ).toBe(textsBefore);
    await bobPhone.screenshot({ path: artifactPath('chatty-5-nothing-after-stop.png') });
    expect(problems).toEqual([]);
  });

  it('offers "Text us instead" on a phone-sized screen, and signs out', async () => {
    const { chatty, problems } = harness();
    expect(await ada.getByRole('link', { name: 'Text us instead' }).count()).toBe(0);
    await ada.setViewportSize({ width: 390, height: 800 });
    const textUs = ada.getByRole('link', { name: 'Text us instead' });
    await textUs.waitFor();
    expect(await textUs.getAttribute('href')).toBe(
      `sms:${chatty.publicConfig.smsNumber}?&body=${encodeURIComponent("Hi, it's Ada Lovelace!")}`,
    );
    await ada.screenshot({ path: artifactPath('chatty-6-phone-screen.png') });
    await ada.getByRole('button', { name: 'Sign out' }).click();
    await ada.getByLabel('Your name').waitFor();
    await ada.reload();
    await ada.getByLabel('Your name').waitFor();
    expect(problems).toEqual([]);
  });
});
