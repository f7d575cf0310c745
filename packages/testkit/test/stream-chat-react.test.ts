import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser, Page } from 'playwright-core';
import { StreamChat } from 'stream-chat';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListeningServer } from '../src/http/server.js';
import { type StreamEmulator, startStreamEmulator } from '../src/stream/index.js';
import { artifactPath, browserUnavailable, launchChromium } from './support/browser.js';
import { serveStatic } from './support/static-server.js';

// The acceptance test of the Stream emulator: the real stream-chat-react v14 UI, built with Vite
// and served from its own port (so every API call is cross-origin and CORS is exercised), renders
// a channel from the emulator in headless Chromium, sends a message, shows another user's message
// live, and opens a thread. Screenshots and the browser's call log go to test-artifacts/.

const apiKey = 'react-test-key';
const apiSecret = 'react-test-secret';
const fixtureRoot = resolve(import.meta.dirname, 'browser/stream-chat-react');
/** Playwright waits: generous, and below the test timeout so a failure names what it waited for. */
const WAIT_MS = 30_000;
const TEST_MS = 120_000;

const WELCOME = 'Welcome to General, everyone!';
const FROM_ALICE = 'Hello from Alice in Chromium';
const FROM_BOB = 'Bob here, live over the websocket';
const REPLY = 'Replying in the thread';

describe.skipIf(browserUnavailable())('stream-chat-react v14 against the Stream emulator', () => {
  let outDir: string;
  let stream: StreamEmulator;
  let server: StreamChat;
  let site: ListeningServer;
  let browser: Browser;
  let page: Page;
  /** Set when the first test got through: the thread test builds on its page and messages. */
  let channelShown = false;
  /** Console errors, page errors, failed and refused requests: each one fails the last test. */
  const problems: string[] = [];
  /** Console warnings: recorded for the artifact, not asserted (React and the UI emit some). */
  const warnings: string[] = [];
  /** Every request the page sent to the emulator, in order: preflights and the websocket too. */
  const calls: string[] = [];
  /** The `type` of every event frame the emulator pushed over the page's websocket, with its text. */
  const pushed: { type: string; text?: string }[] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'smsbridge-scr-'));
    await build({
      root: fixtureRoot,
      configFile: false,
      logLevel: 'warn',
      plugins: [react()],
      // stream-chat-react is one large chunk; that is expected for a fixture and not worth a warning.
      build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5_000 },
    });
    site = await serveStatic(outDir);
    stream = await startStreamEmulator({ apiKey, apiSecret });
    server = new StreamChat(apiKey, apiSecret, { baseURL: stream.url });
    await server.upsertUsers([
      { id: 'alice', name: 'Alice Anders' },
      { id: 'bob', name: 'Bob Builder' },
      { id: 'carol', name: 'Carol Cole' },
    ]);
    const channel = server.channel('messaging', 'general', {
      name: 'General',
      created_by_id: 'alice',
      // Three members: with two, v14 shows a DM header (the other member's Online/Offline)
      // instead of "N members · M online", which is what proves member_count and presence.
      members: ['alice', 'bob', 'carol'],
    });
    await channel.create();
    await channel.sendMessage({ text: WELCOME, user_id: 'bob' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stream?.close();
    await site?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  /** The stored messages of messaging:general as the server SDK reads them back. */
  async function storedMessages(): Promise<{ text: string; user: string }[]> {
    const state = await server
      .channel('messaging', 'general')
      .query({ messages: { limit: 100 }, state: true });
    return state.messages.map((m) => ({ text: m.text ?? '', user: m.user?.id ?? '' }));
  }

  it(
    'renders the channel, sends a message, and shows another user\u2019s message live',
    async () => {
      page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
      page.setDefaultTimeout(WAIT_MS);
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
        if (message.type() === 'warning') warnings.push(message.text());
      });
      page.on('requestfailed', (request) =>
        problems.push(`requestfailed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
      );
      page.on('response', (response) => {
        if (response.status() >= 400) {
          problems.push(
            `HTTP ${response.status()}: ${response.request().method()} ${response.url()}`,
          );
        }
      });
      page.on('websocket', (socket) => {
        calls.push(`WS ${new URL(socket.url()).pathname}`);
        socket.on('socketerror', (error) => problems.push(`websocket error: ${error}`));
        socket.on('framereceived', ({ payload }) => {
          try {
            const frame = JSON.parse(String(payload)) as {
              type?: string;
              message?: { text?: string };
            };
            pushed.push({ type: frame.type ?? '?', text: frame.message?.text });
          } catch {
            problems.push(`websocket frame is not JSON: ${String(payload).slice(0, 80)}`);
          }
        });
      });
      // Playwright hides CORS preflights; the DevTools protocol reports them.
      const cdp = await page.context().newCDPSession(page);
      cdp.on('Network.requestWillBeSent', ({ request }) => {
        const url = new URL(request.url);
        if (url.origin === stream.url) calls.push(`${request.method} ${url.pathname}`);
        // The page is self-contained: no fonts, icons, emoji data or any other host.
        else if (url.origin !== site.url && url.protocol !== 'data:') {
          problems.push(`request to another origin: ${request.method} ${request.url}`);
        }
      });
      await cdp.send('Network.enable');

      const query = new URLSearchParams({
        apiKey,
        baseURL: stream.url,
        userId: 'alice',
        token: server.createToken('alice', Math.floor(Date.now() / 1000) + 3600),
        channelType: 'messaging',
        channelId: 'general',
      });
      let navigations = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations += 1;
      });
      await page.goto(`${site.url}/?${query}`);

      // The header shows the channel's name and the member/presence line; the list, the history.
      const header = page.locator('.str-chat__channel-header');
      await header
        .getByText('General')
        .first()
        .waitFor()
        .catch((error: unknown) => {
          // A blank page: say why (e.g. 'AxiosError: Network Error' means CORS is wrong).
          throw new Error(`the channel never rendered; browser problems:\n${problems.join('\n')}`, {
            cause: error,
          });
        });
      await header.getByText('3 members · 1 online').waitFor();
      const list = page.locator('.str-chat__main-panel .str-chat__message-list');
      await list.getByText(WELCOME).waitFor();
      await list.getByText('Bob Builder').first().waitFor();
      // The group avatar is built from the members (and their names) in the query response.
      for (const name of ['Alice Anders', 'Bob Builder', 'Carol Cole']) {
        await header.locator(`.str-chat__avatar[title="${name}"]`).waitFor();
      }

      // Send from the composer: it renders, and the emulator stored it as alice's.
      const composer = page.locator('.str-chat__main-panel .str-chat__message-composer textarea');
      await composer.fill(FROM_ALICE);
      await composer.press('Enter');
      await list.locator('.str-chat__message--me', { hasText: FROM_ALICE }).waitFor();
      await expect
        .poll(storedMessages, { timeout: WAIT_MS })
        .toContainEqual({ text: FROM_ALICE, user: 'alice' });
      expect(await composer.inputValue()).toBe('');

      // Bob posts through the server SDK; it arrives over alice's websocket, no reload.
      await server.channel('messaging', 'general').sendMessage({ text: FROM_BOB, user_id: 'bob' });
      await list.locator('.str-chat__message--other', { hasText: FROM_BOB }).waitFor();
      expect(navigations, 'the page was never reloaded').toBe(1);
      // Live means pushed: a message.new frame carried it, and the UI never re-queried the channel.
      expect(pushed).toContainEqual({ type: 'message.new', text: FROM_BOB });
      expect(
        calls.filter((call) => call === 'POST /channels/messaging/general/query'),
      ).toHaveLength(1);
      // Each message rendered once: the echo of alice's own send was de-duplicated by id.
      expect(await list.getByText(FROM_ALICE).count()).toBe(1);
      expect(await list.getByText(FROM_BOB).count()).toBe(1);

      await page.screenshot({ path: artifactPath('stream-chat-react.png') });
      channelShown = true;
    },
    TEST_MS,
  );

  it(
    'opens a thread, replies in it, and shows the reply count in the channel',
    async () => {
      // Fail at once rather than wait 30 s for messages the first test never got on screen.
      expect(channelShown, 'the first test rendered the channel and both messages').toBe(true);
      const bobsMessage = page.locator('.str-chat__main-panel .str-chat__li', {
        hasText: FROM_BOB,
      });
      await bobsMessage.hover();
      await bobsMessage
        .locator('.str-chat__message-reply-in-thread-button, [data-testid="thread-action"]')
        .first()
        .click();
      const thread = page.locator('.str-chat__thread');
      await thread.getByText(FROM_BOB).waitFor();
      const threadComposer = thread.locator('textarea').first();
      await threadComposer.fill(REPLY);
      await threadComposer.press('Enter');
      await thread.getByText(REPLY).waitFor();

      // Stored as alice's reply under bob's message (read back with the server SDK).
      const general = server.channel('messaging', 'general');
      const { messages } = await general.query({ messages: { limit: 100 } });
      const parentId = messages.find((m) => m.text === FROM_BOB)?.id;
      expect(parentId).toBeTruthy();
      await expect
        .poll(
          async () =>
            (await general.getReplies(parentId ?? '', { limit: 10 })).messages.map((m) => [
              m.text,
              m.user?.id,
            ]),
          { timeout: WAIT_MS },
        )
        .toEqual([[REPLY, 'alice']]);
      // The main message list shows the parent's new reply count (a message.updated event).
      await page
        .locator('.str-chat__main-panel')
        .getByText(/1 reply/i)
        .waitFor();

      await page.screenshot({ path: artifactPath('stream-chat-react-thread.png') });
    },
    TEST_MS,
  );

  it('made only the calls WIRE.md lists, with no console errors or failed requests', () => {
    writeFileSync(
      artifactPath('stream-chat-react-calls.json'),
      `${JSON.stringify({ calls, pushed, warnings, problems }, null, 2)}\n`,
    );
    const allowed = [
      /^WS \/connect$/,
      /^(OPTIONS|POST) \/channels\/messaging\/general\/(query|read|event|message)$/,
      /^(OPTIONS|GET) \/messages\/[^/]+\/replies$/,
    ];
    expect(calls.filter((call) => !allowed.some((pattern) => pattern.test(call)))).toEqual([]);
    // The websocket comes first: the channel query needs its connection_id.
    expect(calls[0]).toBe('WS /connect');
    expect(calls).toContain('POST /channels/messaging/general/query');
    expect(calls).toContain('POST /channels/messaging/general/message');
    expect(calls.some((call) => call.startsWith('GET /messages/'))).toBe(true);
    expect(stream.unknownRequests).toEqual([]);
    expect(problems).toEqual([]);
  });
});
