import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, expect } from 'vitest';
import { artifactPath, launchChromium } from '../../../../packages/testkit/test/support/browser.js';
import { type RunningChatty, startChatty } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { LOCAL_CREDENTIALS } from '../../server/local-services.js';

const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** A person who signs up in the browser tests. */
export interface Person {
  name: string;
  /** As typed in the "Mobile number" field, with United States selected. */
  national: string;
  e164: string;
}

/** Texts `body` from an open phone simulator page (see `phonePage`). */
export async function textFrom(phone: Page, body: string): Promise<void> {
  await phone.getByLabel('Message').fill(body);
  await phone.getByRole('button', { name: 'Send' }).click();
}

/** Texts STOP from an open phone simulator page and waits for the carrier's confirmation. */
export async function textStop(phone: Page): Promise<void> {
  await textFrom(phone, 'STOP');
  await phone.locator('.bubble.received', { hasText: 'successfully been unsubscribed' }).waitFor();
}

/** Chatty in local mode with Chromium, and what the tests do as people. */
export interface ChattyHarness {
  chatty: RunningChatty;
  browser: Browser;
  /** Page errors and console errors/warnings of every page opened with `page()`. */
  problems: string[];
  page(viewport?: { width: number; height: number }): Promise<Page>;
  /** Reads the latest code the phone received, on the phone simulator page, as a person would. */
  codeFromPhone(phone: string): Promise<string>;
  /** Signs a person up in a fresh page and returns it on the chat screen. */
  signUp(person: Person): Promise<Page>;
  /** Opens the phone simulator as `phone`. */
  phonePage(phone: string): Promise<Page>;
  /** The Stream emulator through the real server SDK, as the bridge itself talks to it. */
  streamServer(): StreamChat;
  /** The chat user id a person's sign-up created (ids are generated: look it up by name). */
  userIdOf(name: string): Promise<string>;
  /** The texts of the channel's messages posted by `userId`, oldest first (from the server). */
  postsBy(userId: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Starts Chatty (any free ports, emulators included, so test files run in parallel) and
 * Chromium. Every test file gets its own, so no state leaks between files.
 */
export async function startHarness(): Promise<ChattyHarness> {
  expect(existsSync(webRoot), 'build the example first (npm test does)').toBe(true);
  const chatty = await startChatty(
    loadConfig({ PORT: '0', STREAM_EMULATOR_PORT: '0', TWILIO_EMULATOR_PORT: '0' }),
    webRoot,
  );
  const browser = await launchChromium();
  const problems: string[] = [];
  let server: StreamChat | undefined;

  async function page(viewport = { width: 1100, height: 760 }): Promise<Page> {
    const created = await browser.newPage({ viewport });
    created.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    created.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        problems.push(`console ${message.type()}: ${message.text()}`);
      }
    });
    return created;
  }

  async function phonePage(phone: string): Promise<Page> {
    const simulator = await page();
    await simulator.goto(
      `${chatty.publicConfig.phoneSimulatorUrl}?phone=${encodeURIComponent(phone)}`,
    );
    await simulator.locator('#me', { hasText: phone }).waitFor();
    return simulator;
  }

  async function codeFromPhone(phone: string): Promise<string> {
    const simulator = await phonePage(phone);
    const bubble = simulator.locator('.bubble.received', { hasText: 'code is' }).last();
    await bubble.waitFor();
    await simulator.screenshot({
      path: artifactPath(`chatty-1-code-on-phone-${phone.slice(-4)}.png`),
    });
    const code = /\b(\d{6})\b/.exec((await bubble.textContent()) ?? '')?.[1];
    await simulator.close();
    if (!code) throw new Error('no code on the phone');
    return code;
  }

  async function signUp(person: Person): Promise<Page> {
    const web = await page();
    await web.goto(chatty.url);
    await web.getByLabel('Your name').fill(person.name);
    await web.getByLabel('Country').selectOption('US');
    await web.getByLabel('Mobile number').fill(person.national);
    await web.getByRole('button', { name: 'Text me a code' }).click();
    await web.getByLabel('Code').or(web.getByRole('alert')).first().waitFor();
    if (await web.getByRole('alert').isVisible()) {
      throw new Error(`sign-up refused: ${await web.getByRole('alert').textContent()}`);
    }
    await web.getByLabel('Code').fill(await codeFromPhone(person.e164));
    await web.getByLabel('Code').press('Enter');
    await web.locator('.str-chat__channel-header').waitFor();
    return web;
  }

  function streamServer(): StreamChat {
    server ??= new StreamChat(LOCAL_CREDENTIALS.apiKey, LOCAL_CREDENTIALS.apiSecret, {
      baseURL: chatty.publicConfig.streamBaseUrl ?? undefined,
    });
    return server;
  }

  async function userIdOf(name: string): Promise<string> {
    const { users } = await streamServer().queryUsers({ name: { $eq: name } });
    const id = users[0]?.id;
    if (!id) throw new Error(`no chat user named ${name}`);
    return id;
  }

  async function postsBy(userId: string): Promise<string[]> {
    const { type, id } = chatty.publicConfig.channel;
    const { messages } = await streamServer()
      .channel(type, id)
      .query({ messages: { limit: 300 } });
    return messages.filter((m) => m.user?.id === userId).map((m) => m.text ?? '');
  }

  return {
    chatty,
    postsBy,
    browser,
    problems,
    page,
    codeFromPhone,
    signUp,
    phonePage,
    streamServer,
    userIdOf,
    async close() {
      await browser.close();
      await chatty.close();
    },
  };
}

/**
 * Starts a harness before the tests of the enclosing `describe` and closes it after them; the
 * tests call the returned function to reach it.
 */
export function useHarness(): () => ChattyHarness {
  let harness: ChattyHarness | undefined;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('the harness did not start');
    return harness;
  };
}
