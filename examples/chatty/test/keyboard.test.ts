import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifactPath,
  browserUnavailable,
} from '../../../packages/testkit/test/support/browser.js';
import { useHarness } from './support/harness.js';

/** What has keyboard focus: its id, accessible label or text, and whether a ring shows. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const style = element ? getComputedStyle(element) : undefined;
    return {
      id: element?.id ?? '',
      tag: element?.tagName.toLowerCase() ?? '',
      text: (element?.getAttribute('aria-label') ?? element?.textContent ?? '').trim(),
      ring: style
        ? style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2
        : false,
      onScreen: element ? element.getBoundingClientRect().top >= 0 : false,
    };
  });
}

describe.skipIf(browserUnavailable())('Chatty with the keyboard only, in Chromium', () => {
  const harness = useHarness();

  it('signs up and posts with Tab, typing and Enter; the message box shows a focus ring', async () => {
    const { chatty, page, problems, codeFromPhone } = harness();
    const web = await page();
    await web.goto(chatty.url);
    await web.getByLabel('Your name').waitFor();

    await web.keyboard.press('Tab');
    expect((await focused(web)).id).toBe('name');
    await web.keyboard.type('Hedy Lamarr');
    await web.keyboard.press('Tab'); // the Country picker: the typed +1 picks it
    await web.keyboard.press('Tab');
    expect((await focused(web)).id).toBe('phone');
    await web.keyboard.type('+1 415 555 0165');
    await web.keyboard.press('Enter');
    await web.getByLabel('Code').waitFor();
    expect((await focused(web)).id).toBe('code');
    // Reading the texted code is the phone's part (another page), not this keyboard user's.
    await web.keyboard.type(await codeFromPhone('+14155550165'));
    await web.keyboard.press('Enter');

    // The chat opens with the message box focused, and the focus is visible.
    await web.locator('.str-chat__channel-header').waitFor();
    await expect.poll(async () => (await focused(web)).tag).toBe('textarea');
    await web.keyboard.type('Typed without a mouse');
    const box = await focused(web);
    expect(box.ring, 'a focus ring on the message box').toBe(true);
    await web.screenshot({ path: artifactPath('chatty-keyboard-focus.png') });
    await web.keyboard.press('Enter');
    await web.locator('.str-chat__message-list').getByText('Typed without a mouse').waitFor();

    // Opening the chat again puts the focus in the message box at once.
    await web.reload();
    await expect.poll(async () => (await focused(web)).tag).toBe('textarea');

    // On a phone the box is not focused on opening (no keyboard popping up): from the top of
    // the page it is two key presses away, Tab to the skip link (shown once focused) and Enter.
    await web.setViewportSize({ width: 390, height: 800 });
    await web.reload();
    await web.locator('.str-chat__channel-header').waitFor();
    expect((await focused(web)).tag).toBe('body');
    await web.keyboard.press('Tab');
    const skip = await focused(web);
    expect(skip).toMatchObject({ tag: 'a', text: 'Skip to the message box', ring: true });
    expect(skip.onScreen).toBe(true);
    await web.keyboard.press('Enter');
    expect(await focused(web)).toMatchObject({ tag: 'textarea', ring: true });
    expect(problems).toEqual([]);
  });
});
