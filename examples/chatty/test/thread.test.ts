import { describe, expect, it } from 'vitest';
import {
  artifactPath,
  browserUnavailable,
} from '../../../packages/testkit/test/support/browser.js';
import { useHarness } from './support/harness.js';

describe.skipIf(browserUnavailable())('Chatty threads, in Chromium', () => {
  const harness = useHarness();

  it('opens a thread and replies in it with no ChatView warning', async () => {
    const { signUp, problems } = harness();
    const ada = await signUp({
      name: 'Ada Lovelace',
      national: '(415) 555-0181',
      e164: '+14155550181',
    });
    const composer = ada.locator('.str-chat__message-composer textarea').first();
    await composer.fill('Shall we start a thread?');
    await composer.press('Enter');
    const message = ada.locator('.str-chat__main-panel .str-chat__li', {
      hasText: 'Shall we start a thread?',
    });
    await message.hover();
    await message.getByRole('button', { name: 'Open Thread' }).click();
    const thread = ada.locator('.str-chat__thread');
    await thread.getByText('Shall we start a thread?').waitFor();
    await thread.locator('textarea').first().fill('In the thread');
    await thread.locator('textarea').first().press('Enter');
    await thread.getByText('In the thread').waitFor();
    await ada.locator('.str-chat__main-panel').getByText('1 reply').waitFor();
    await ada.screenshot({ path: artifactPath('chatty-thread.png') });
    expect(problems).toEqual([]);
  });
});
