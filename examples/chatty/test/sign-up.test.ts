import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifactPath,
  browserUnavailable,
} from '../../../packages/testkit/test/support/browser.js';
import { useHarness } from './support/harness.js';

/** Whether a field is marked invalid for assistive technology. */
async function invalid(page: Page, label: string): Promise<boolean> {
  return (await page.getByLabel(label).getAttribute('aria-invalid')) === 'true';
}

describe.skipIf(browserUnavailable())('Chatty sign-up form, in Chromium', () => {
  const harness = useHarness();

  it('reads the phone with the Country picker and marks only the field that is wrong', async () => {
    const { chatty, page, problems } = harness();
    const web = await page();
    await web.goto(chatty.url);
    await web.getByLabel('Your name').fill('Grace Hopper');
    await web.getByLabel('Country').selectOption('US');

    // The picker follows a typed +country.
    await web.getByLabel('Mobile number').pressSequentially('+44 7400 123456');
    expect(await web.getByLabel('Country').inputValue()).toBe('GB');

    // What the person types stays as typed: no "1 (234) 5" out of a US "12345".
    await web.getByLabel('Country').selectOption('US');
    await web.getByLabel('Mobile number').fill('');
    await web.getByLabel('Mobile number').pressSequentially('12345');
    expect(await web.getByLabel('Mobile number').inputValue()).toBe('12345');
    await web.getByRole('button', { name: 'Text me a code' }).click();
    const alert = web.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('"12345"');
    expect(await alert.textContent()).not.toContain('+112345');
    expect(await invalid(web, 'Mobile number')).toBe(true);
    expect(await invalid(web, 'Your name')).toBe(false);
    await web.screenshot({ path: artifactPath('chatty-sign-up-phone-error.png') });

    // A national number is read in the picked country: a UK mobile with United Kingdom picked.
    // The bridge refuses the name ("@" is not allowed): now only the name is marked.
    await web.getByLabel('Your name').fill('Grace @ Navy');
    await web.getByLabel('Country').selectOption('GB');
    await web.getByLabel('Mobile number').fill('07400 123456');
    const [sent] = await Promise.all([
      web.waitForRequest('**/bridge/auth'),
      web.getByRole('button', { name: 'Text me a code' }).click(),
    ]);
    expect(sent.postDataJSON()).toEqual({ name: 'Grace @ Navy', phone: '+447400123456' });
    await web.getByRole('alert').filter({ hasText: 'name' }).waitFor();
    expect(await invalid(web, 'Your name')).toBe(true);
    expect(await invalid(web, 'Mobile number')).toBe(false);
    expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
    problems.length = 0;
    await web.close();
  });

  it("marks the phone for the bridge's policy refusals (403 country, 400 number type)", async () => {
    const { page, problems, chatty } = harness();
    const web = await page();
    const refusals = [
      // A French mobile: France is not among the countries that may sign up.
      { country: undefined, typed: '+33 6 12 34 56 78', message: /this country cannot sign up/ },
      // A London landline: landlines get no texts.
      { country: 'GB', typed: '020 7946 0018', message: /use a mobile number/ },
    ];
    for (const refusal of refusals) {
      await web.goto(chatty.url);
      await web.getByLabel('Your name').fill('Jean');
      if (refusal.country) await web.getByLabel('Country').selectOption(refusal.country);
      await web.getByLabel('Mobile number').fill(refusal.typed);
      await web.getByRole('button', { name: 'Text me a code' }).click();
      await web.getByRole('alert').filter({ hasText: refusal.message }).waitFor();
      expect(await invalid(web, 'Mobile number')).toBe(true);
      expect(await invalid(web, 'Your name')).toBe(false);
    }
    // The picker offers only the countries that may sign up.
    expect(
      await web
        .getByLabel('Country')
        .locator('option')
        .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value)),
    ).toEqual(['CA', 'GB', 'US']);
    expect(problems.filter((p) => !/status of 40[03]/.test(p))).toEqual([]);
    problems.length = 0;
    await web.close();
  });

  it('sends the code again, counting down the wait the bridge asks for', async () => {
    const { chatty, page, problems, codeFromPhone } = harness();
    const person = { name: 'Katherine Johnson', e164: '+14155550163' };
    const web = await page();
    await web.goto(chatty.url);
    await web.getByLabel('Your name').fill(person.name);
    await web.getByLabel('Country').selectOption('US');
    await web.getByLabel('Mobile number').fill('415 555 0163');
    await web.getByRole('button', { name: 'Text me a code' }).click();
    await web.getByLabel('Code').waitFor();

    // Straight away: the bridge asks to wait (429, Retry-After) and the button says how long.
    const resend = web.getByRole('button', { name: /Send the code again/ });
    const [again] = await Promise.all([web.waitForRequest('**/bridge/auth'), resend.click()]);
    expect(again.postDataJSON()).toEqual({ name: person.name, phone: person.e164 });
    await expect.poll(() => resend.isDisabled()).toBe(true);
    const seconds = async () => Number(/(\d+) s/.exec((await resend.textContent()) ?? '')?.[1]);
    const first = await seconds();
    expect(first).toBeGreaterThan(1);
    // It really counts down, a second at a time, and the button comes back at 0.
    await expect.poll(seconds, { timeout: 5_000 }).toBe(first - 1);
    await web.screenshot({ path: artifactPath('chatty-resend-countdown.png') });
    await expect.poll(() => resend.isEnabled(), { timeout: (first + 5) * 1000 }).toBe(true);
    expect(await resend.textContent()).toBe('Send the code again');

    // Now the bridge texts the code again, and the latest code on the phone works.
    await resend.click();
    await web.getByRole('status').filter({ hasText: 'texted the code again' }).waitFor();
    await web.getByLabel('Code').fill(await codeFromPhone(person.e164));
    await web.getByRole('button', { name: 'Join the chat' }).click();
    await web.locator('.str-chat__channel-header').waitFor();
    expect(problems.filter((p) => !p.includes('status of 429'))).toEqual([]);
    problems.length = 0;
  }, 90_000);
});
