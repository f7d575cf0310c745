import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifactPath,
  browserUnavailable,
} from '../../../packages/testkit/test/support/browser.js';
import { textFrom, textStop, useHarness } from './support/harness.js';

const ADA = { name: 'Ada Lovelace', national: '(415) 555-0171', e164: '+14155550171' };
const BOB = { name: 'Bob Builder', national: '415 555 0172', e164: '+14155550172' };
const CY = { name: 'Cy Young', national: '415 555 0173', e164: '+14155550173' };

/** The header's "N members · M online" line. */
async function headerStatus(page: Page): Promise<string> {
  return (await page.locator('.str-chat__channel-header__data__subtitle').textContent()) ?? '';
}

/** The marks the open member list shows for one person, e.g. ["SMS", "away"]. */
async function marksOf(page: Page, name: string): Promise<string[]> {
  const row = page
    .getByRole('region', { name: 'Members' })
    .getByRole('listitem')
    .filter({ hasText: name });
  return row.locator('.mark').allTextContents();
}

describe.skipIf(browserUnavailable())('Chatty chat screen, in Chromium', () => {
  const harness = useHarness();
  /** Ada's page, signed in by the first test and used by the next ones. */
  let ada: Page;

  it('shows the channel name and a live "N members · M online" in the header', async () => {
    const { signUp, streamServer, userIdOf, chatty } = harness();
    ada = await signUp(ADA);
    const header = ada.locator('.str-chat__channel-header');
    expect(await header.locator('.str-chat__channel-header__data__title').textContent()).toBe(
      'Chatty',
    );
    // Ada and the bot (never online: it posts through the server).
    await expect.poll(() => headerStatus(ada)).toBe('2 members · 1 online');

    // Bob joins and is online while his page is open; then he leaves the page.
    const bob = await signUp(BOB);
    await expect.poll(() => headerStatus(ada)).toBe('3 members · 2 online');
    await bob.close();
    await expect.poll(() => headerStatus(ada)).toBe('3 members · 1 online');

    // Cy joins and is removed from the channel: the count follows both.
    const cy = await signUp(CY);
    await cy.close();
    await expect.poll(() => headerStatus(ada)).toBe('4 members · 1 online');
    const { type, id } = chatty.publicConfig.channel;
    await streamServer()
      .channel(type, id)
      .removeMembers([await userIdOf(CY.name)]);
    await expect.poll(() => headerStatus(ada)).toBe('3 members · 1 online');
    await ada.screenshot({ path: artifactPath('chatty-header-members.png') });
    expect(harness().problems).toEqual([]);
  });

  it('marks texts "via SMS", and SMS, away, opted-out members and the bot', async () => {
    const { phonePage, streamServer, userIdOf, chatty, problems } = harness();
    // The bridge marked Bob's chat user (smsbridge_sms) when he signed up by phone.
    expect(
      (await streamServer().queryUsers({ id: await userIdOf(BOB.name) })).users[0],
    ).toMatchObject({ smsbridge_sms: 'active' });
    await ada.reload();
    await ada.locator('.str-chat__channel-header').waitFor();

    const bobPhone = await phonePage(BOB.e164);
    await textFrom(bobPhone, 'Running late, save me a seat');
    const text = ada.locator('.str-chat__li', { hasText: 'Running late' });
    await text.locator('.chatty-via-sms', { hasText: 'via SMS' }).waitFor();
    const composer = ada.locator('.str-chat__message-composer textarea').first();
    await composer.fill('Typed on the web');
    await composer.press('Enter');
    const own = ada.locator('.str-chat__li', { hasText: 'Typed on the web' });
    await own.waitFor();
    expect(await own.locator('.chatty-via-sms').count()).toBe(0);

    await ada.getByRole('button', { name: 'Members' }).click();
    expect(await marksOf(ada, BOB.name)).toEqual(['SMS', 'away']);
    // Ada signed up with her phone too, and is here: an SMS member, not away.
    expect(await marksOf(ada, ADA.name)).toEqual(['SMS']);
    expect(await marksOf(ada, chatty.publicConfig.bot.name)).toEqual(['bot']);
    await ada.screenshot({ path: artifactPath('chatty-member-list.png') });

    // Bob texts STOP: the bridge marks his chat user opted out (the emulator sends no
    // user.updated event, so Ada's page reloads to see it).
    await textStop(bobPhone);
    await ada.reload();
    await ada.getByRole('button', { name: 'Members' }).click();
    expect(await marksOf(ada, BOB.name)).toEqual(['SMS', 'texts off', 'away']);
    await ada.keyboard.press('Escape');

    // The @mention picker shows the same marks.
    await composer.pressSequentially('@Bo');
    const suggestion = ada.locator('.str-chat__suggestion-list-item', { hasText: BOB.name });
    await suggestion.waitFor();
    expect(await suggestion.locator('.mark').allTextContents()).toEqual([
      'SMS',
      'texts off',
      'away',
    ]);
    await ada.screenshot({ path: artifactPath('chatty-mention-marks.png') });
    await composer.fill('');
    expect(problems).toEqual([]);
  });
});
