import { mkdtempSync, writeFileSync } from 'node:fs';
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

const apiKey = 'react-test-key';
const apiSecret = 'react-test-secret';
const fixtureRoot = resolve(import.meta.dirname, 'browser/stream-chat-react');

describe.skipIf(browserUnavailable())('stream-chat-react v14 against the Stream emulator', () => {
  let stream: StreamEmulator;
  let server: StreamChat;
  let site: ListeningServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const apiCalls: string[] = [];

  beforeAll(async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'smsbridge-scr-'));
    await build({
      root: fixtureRoot,
      configFile: false,
      logLevel: 'error',
      plugins: [react()],
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
      // Three members: with two, v14 shows a DM header (the other member's Online/Offline).
      members: ['alice', 'bob', 'carol'],
    });
    await channel.create();
    await channel.sendMessage({ text: 'Welcome to General, everyone!', user_id: 'bob' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stream?.close();
    await site?.close();
  });

  it('renders the channel, sends a message, and shows another user\u2019s message live', async () => {
    page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()}`));
    page.on('request', (request) => {
      if (request.url().startsWith(stream.url)) {
        apiCalls.push(`${request.method()} ${new URL(request.url()).pathname}`);
      }
    });

    const query = new URLSearchParams({
      apiKey,
      baseURL: stream.url,
      userId: 'alice',
      token: server.createToken('alice', Math.floor(Date.now() / 1000) + 3600),
      channelType: 'messaging',
      channelId: 'general',
    });
    await page.goto(`${site.url}/?${query}`);

    const header = page.locator('.str-chat__channel-header');
    await header.getByText('General').first().waitFor();
    await page.getByText('Welcome to General, everyone!').waitFor();
    await header.getByText('3 members · 1 online').waitFor();

    const composer = page
      .locator('.str-chat__message-composer textarea, .str-chat__textarea textarea')
      .first();
    await composer.fill('Hello from Alice in Chromium');
    await composer.press('Enter');
    await page
      .locator('.str-chat__message-list')
      .getByText('Hello from Alice in Chromium')
      .waitFor();
    await expect
      .poll(() =>
        stream.getMessages('messaging:general').map((m) => [m.text, (m.user as { id: string }).id]),
      )
      .toContainEqual(['Hello from Alice in Chromium', 'alice']);

    await server
      .channel('messaging', 'general')
      .sendMessage({ text: 'Bob here, live over the websocket', user_id: 'bob' });
    await page.getByText('Bob here, live over the websocket').waitFor();

    await page.screenshot({ path: artifactPath('stream-chat-react.png') });
  });

  it('opens a thread, replies in it, and shows the reply count in the channel', async () => {
    const bobsMessage = page.locator('.str-chat__li', {
      hasText: 'Bob here, live over the websocket',
    });
    await bobsMessage.hover();
    await bobsMessage
      .locator('.str-chat__message-reply-in-thread-button, [data-testid="thread-action"]')
      .first()
      .click();
    const thread = page.locator('.str-chat__thread');
    await thread.waitFor();
    const threadComposer = thread.locator('textarea').first();
    await threadComposer.fill('Replying in the thread');
    await threadComposer.press('Enter');
    await thread.getByText('Replying in the thread').waitFor();
    await expect
      .poll(
        () =>
          stream.getMessages('messaging:general').find((m) => m.text === 'Replying in the thread')
            ?.parent_id,
      )
      .toBeTruthy();
    await page
      .locator('.str-chat__main-panel')
      .getByText(/1 reply/i)
      .waitFor();
    await page.screenshot({ path: artifactPath('stream-chat-react-thread.png') });
  });

  it('made only the calls WIRE.md lists, with no console errors or failed requests', () => {
    writeFileSync(
      artifactPath('stream-chat-react-calls.json'),
      `${JSON.stringify(apiCalls, null, 2)}\n`,
    );
    const expected = new Set([
      'GET /connect',
      'POST /channels/messaging/general/query',
      'POST /channels/messaging/general/read',
      'POST /channels/messaging/general/event',
      'POST /channels/messaging/general/message',
    ]);
    const unexpected = apiCalls.filter(
      (call) =>
        !expected.has(call) &&
        !/^GET \/messages\/[^/]+\/replies$/.test(call) &&
        !call.startsWith('OPTIONS '),
    );
    expect(unexpected).toEqual([]);
    expect(apiCalls).toContain('POST /channels/messaging/general/message');
    expect(stream.unknownRequests).toEqual([]);
    expect(problems).toEqual([]);
  });
});
