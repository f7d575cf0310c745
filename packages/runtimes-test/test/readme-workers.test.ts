import { afterAll, beforeAll, it } from 'vitest';
import {
  expectRecipeWorks,
  type ReadmeEnvironment,
  startReadmeEnvironment,
  writeRecipe,
} from './support/readme.js';
import { describeRuntime, findWorkerd } from './support/runtimes.js';
import { bundleWorker, serveWorker } from './support/worker.js';

describeRuntime('workerd', findWorkerd(), (workerd) => {
  let environment: ReadmeEnvironment;
  let worker: Awaited<ReturnType<typeof serveWorker>>;
  beforeAll(async () => {
    environment = await startReadmeEnvironment(`AC${'3'.repeat(32)}`);
    const script = await bundleWorker(writeRecipe('Cloudflare Workers', 'workers', 'worker.ts'));
    // The Worker's env: what `vars` and `wrangler secret put` would give it.
    const names = Object.keys(process.env).filter((name) => /^(STREAM|TWILIO)_/.test(name));
    worker = await serveWorker(
      script,
      Object.fromEntries(names.map((name) => [name, process.env[name] ?? ''])),
    );
  });
  afterAll(async () => {
    await worker?.close();
    await Promise.all([environment?.stream.close(), environment?.twilio.close()]);
  });

  it(`runs the README\u2019s Cloudflare Workers recipe as written, on ${workerd.version}`, async () => {
    // The mention is texted after the answer, through ctx.waitUntil.
    await expectRecipeWorks(`${worker.origin}/bridge`, environment);
  });
});
