import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createExpressHandler } from '@smsbridge/adapter-express';
import express from 'express';
import { chattyChannel, createChattyBridge } from './bridge.js';
import type { ChattyConfig } from './config.js';
import { startLocalServices } from './local-services.js';
import { liveServices } from './services.js';

/** What the web app fetches at start: nothing secret. */
export interface PublicConfig {
  mode: 'local' | 'live';
  apiKey: string;
  streamBaseUrl: string | null;
  channel: { type: string; id: string; name: string };
  /** Chatty's bot: it answers messages that @mention it. */
  bot: { id: string; name: string };
  /** Countries whose numbers may sign up: the Country picker offers these only. */
  signUpCountries: string[];
  smsNumber: string;
  phoneSimulatorUrl: string | null;
}

/** A running Chatty: its URL and how to stop it. */
export interface RunningChatty {
  url: string;
  publicConfig: PublicConfig;
  /** Local mode: resolves once the emulated Stream has delivered (and Chatty handled) every webhook. */
  local?: { webhooksIdle(): Promise<void> };
  close(): Promise<void>;
}

/** Starts Chatty: services, bridge at /bridge, the built web app and /config.json. */
export async function startChatty(config: ChattyConfig, webRoot: string): Promise<RunningChatty> {
  const services = config.mode === 'live' ? liveServices(config) : await startLocalServices(config);
  const channel = chattyChannel(config);
  const bridge = createChattyBridge(config, services);

  const publicConfig: PublicConfig = {
    mode: config.mode,
    apiKey: services.stream.apiKey,
    streamBaseUrl: services.stream.baseURL ?? null,
    channel,
    bot: { id: services.bot.id, name: services.bot.name },
    signUpCountries: config.SIGNUP_COUNTRIES,
    smsNumber: services.twilio.number,
    phoneSimulatorUrl: services.local?.phoneSimulatorUrl ?? null,
  };
  const app = express();
  app.disable('x-powered-by');
  app.use('/bridge', createExpressHandler(bridge));
  app.get('/config.json', (_req, res) => {
    res.json(publicConfig);
  });
  if (existsSync(webRoot)) {
    app.use(express.static(webRoot));
    app.get('/{*path}', (_req, res) => res.sendFile(join(webRoot, 'index.html')));
  }

  // Webhooks and sign-ups are small and arrive fast: a client still sending headers or a body
  // after 10 s is holding a socket open, not talking (Node's own default waits 5 minutes).
  const server: Server = await new Promise<Server>((resolve, reject) => {
    const listening = createServer(
      { headersTimeout: 10_000, requestTimeout: 10_000, connectionsCheckingInterval: 2_000 },
      app,
    ).listen(config.PORT, config.HOST, () => resolve(listening));
    listening.once('error', reject);
  }).catch(async (error: unknown) => {
    // The emulators are already listening: stop them, or the process cannot exit.
    await services.local?.close();
    throw error;
  });
  const url = `http://${config.HOST}:${(server.address() as AddressInfo).port}`;
  services.local?.connect(`${url}/bridge`);
  return {
    url,
    publicConfig,
    ...(services.local ? { local: { webhooksIdle: services.local.webhooksIdle } } : {}),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await services.local?.close();
      await services.store.close?.();
    },
  };
}
