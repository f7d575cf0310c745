import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Child, startChild } from './support/mounts.js';
import {
  expectRecipeWorks,
  noClientIpWarning,
  type ReadmeEnvironment,
  startReadmeEnvironment,
  writeRecipe,
} from './support/readme.js';
import { describeRuntime, findBun, findDeno, type Runtime } from './support/runtimes.js';

/** Runs the recipe under `heading` with `runtime` as a reader would, on a free port. */
function runRecipe(
  heading: string,
  dir: string,
  runtime: Runtime,
  args: (file: string) => string[],
) {
  let environment: ReadmeEnvironment;
  let child: Child;
  beforeAll(async () => {
    environment = await startReadmeEnvironment(`AC${'4'.repeat(32)}`);
    const file = writeRecipe(heading, dir, 'server.ts');
    child = await startChild(dir, runtime.path, args(file), {
      cwd: dirname(file),
      env: { ...process.env, PORT: '0' },
      ready: /Listening on https?:\/\/[^\s/]+:(\d+)/,
    });
  });
  afterAll(async () => {
    await child?.stop();
    await Promise.all([environment?.stream.close(), environment?.twilio.close()]);
  });
  it(`runs the README\u2019s ${heading} recipe as written, passing the client IP`, async () => {
    await expectRecipeWorks(`http://127.0.0.1:${child.ready[1]}/bridge`, environment);
    expect(child.output()).not.toMatch(noClientIpWarning);
  });
}

describeRuntime('Bun', findBun(), (bun) => {
  describe(`Bun ${bun.version}`, () => runRecipe('Bun', 'bun', bun, (file) => ['run', file]));
});

describeRuntime('Deno', findDeno(), (deno) => {
  describe(deno.version, () =>
    // The permissions the recipe's comment gives.
    runRecipe('Deno', 'deno', deno, (file) => ['run', '--allow-net', '--allow-env', file]),
  );
});
