import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifactPath,
  browserUnavailable,
} from '../../../packages/testkit/test/support/browser.js';
import { useHarness } from './support/harness.js';

const ADA = { name: 'Ada Lovelace', national: '(415) 555-0171', e164: '+14155550171' };
const BOB = { name: 'Bob Builder', national: '415 555 0172', e164: '+14155550172' };
const CY = { name: 'Cy Young', national: '415 555 0173', e164: '+14155550173' };

/** The header's "N members · M online" line. */
async function headerStatus(page: Page): Promise<string> {
  return (await page.locator('.str-chat__channel-header__data__subtitle').textContent()) ?? '';
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
});
