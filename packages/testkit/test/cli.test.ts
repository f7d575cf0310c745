import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { StreamChat } from 'stream-chat';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_DEFAULTS } from '../src/cli-options.js';
import { createTwilioHttpClient } from '../src/twilio/index.js';
import { startReceiver, type WebhookReceiver } from './support/receiver.js';

const cliPath = resolve(import.meta.dirname, '../dist/cli.js');

interface Endpoints {
  stream: { url: string; apiKey: string; apiSecret: string };
  twilio: {
    url: string;
    accountSid: string;
    authToken: string;
    phoneNumbers: string[];
    phoneSimulatorUrl: string;
  };
}

/** Starts the built CLI and resolves with the JSON line it prints once both emulators listen. */
function startCli(args: string[]): Promise<{ child: ChildProcess; endpoints: Endpoints }> {
  if (!existsSync(cliPath)) {
    throw new Error(`${cliPath} is missing: run "npm run build" (npm test does it first).`);
  }
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolveStart, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('exit', (code) =>
      reject(new Error(`CLI exited with ${code} before starting: ${stderr}`)),
    );
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      resolveStart({ child, endpoints: JSON.parse(line) as Endpoints });
    });
  });
}

describe('smsbridge-emulators CLI (built binary)', () => {
  let receiver: WebhookReceiver;
  let child: ChildProcess;
  let endpoints: Endpoints;

  beforeAll(async () => {
    receiver = await startReceiver(() => ({
      status: 200,
      contentType: 'text/xml',
      body: '<Response><Message>pong</Message></Response>',
    }));
    ({ child, endpoints } = await startCli([
      '--stream-port',
      '0',
      '--twilio-port',
      '0',
      '--json',
      '--sms-webhook-url',
      `${receiver.url}/sms`,
    ]));
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await receiver.close();
  });

  it('prints the URLs and the default local credentials', () => {
    expect(endpoints.stream).toMatchObject({
      apiKey: CLI_DEFAULTS.apiKey,
      apiSecret: CLI_DEFAULTS.apiSecret,
    });
    expect(endpoints.twilio).toMatchObject({
      accountSid: CLI_DEFAULTS.accountSid,
      authToken: CLI_DEFAULTS.authToken,
      phoneNumbers: [CLI_DEFAULTS.phoneNumber],
      phoneSimulatorUrl: `${endpoints.twilio.url}/phone`,
    });
  });

  it('serves both emulators to the real SDKs', async () => {
    const stream = new StreamChat(endpoints.stream.apiKey, endpoints.stream.apiSecret, {
      baseURL: endpoints.stream.url,
    });
    const { users } = await stream.upsertUsers([{ id: 'cli-user' }]);
    expect(users['cli-user']?.id).toBe('cli-user');

    const client = twilio(endpoints.twilio.accountSid, endpoints.twilio.authToken, {
      httpClient: createTwilioHttpClient(endpoints.twilio.url) as never,
    });
    const message = await client.messages.create({
      to: '+15551112222',
      from: CLI_DEFAULTS.phoneNumber,
      body: 'from the CLI test',
    });
    expect(message.status).toBe('queued');
  });

  it('serves the phone simulator, whose texts reach the configured webhook', async () => {
    const page = await fetch(endpoints.twilio.phoneSimulatorUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Phone simulator');
    const sent = await fetch(`${endpoints.twilio.url}/phone/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+15551113333', to: CLI_DEFAULTS.phoneNumber, body: 'ping' }),
    });
    expect(await sent.json()).toEqual({ status: 200, replies: 1 });
    expect(new URLSearchParams(String(receiver.requests[0]?.rawBody)).get('Body')).toBe('ping');
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad flag with its usage and exit code 2', async () => {
    const bad = spawn(process.execPath, [cliPath, '--stream-port', 'nope'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    bad.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((done) => bad.once('exit', done));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--stream-port must be a port number/);
    expect(stderr).toMatch(/Usage: smsbridge-emulators/);
  });
});
