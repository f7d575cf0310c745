import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testNodeRecipe } from './support/readme.js';

testNodeRecipe('Hono on Node', 'hono', async (module) => {
  const server = module.server as Server;
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
});
