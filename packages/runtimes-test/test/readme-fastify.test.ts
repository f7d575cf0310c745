import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { testNodeRecipe } from './support/readme.js';

testNodeRecipe('Fastify', 'fastify', async (module) => {
  const app = module.app as FastifyInstance; // listening: the recipe awaits app.listen()
  return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
});
