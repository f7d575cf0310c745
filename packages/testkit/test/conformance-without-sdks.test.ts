import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPackedProject, type PackedProject } from '../../../scripts/packed-project.js';

/**
 * A store author's project: the packed testkit and core, vitest, and neither `stream-chat` nor
 * `twilio` (the SDKs only `testBridgeMount` and the emulators' clients need). The memory store
 * stands in for the author's own store.
 */
describe('@smsbridge/testkit/conformance without stream-chat or twilio installed', () => {
  let project: PackedProject;
  beforeAll(() => {
    project = createPackedProject(
      ['@smsbridge/testkit', '@smsbridge/core', '@smsbridge/store-memory'],
      ['vitest'],
    );
    writeFileSync(
      join(project.dir, 'package.json'),
      JSON.stringify({ name: 'a-store', private: true, type: 'module' }),
    );
  }, 120_000);
  afterAll(() => project?.remove());

  it('is a project where the SDKs are missing', () => {
    for (const sdk of ['stream-chat', 'twilio']) {
      expect(() => project.node(['-e', `require.resolve(${JSON.stringify(sdk)})`])).toThrow(
        /Cannot find module/,
      );
    }
  });

  it('imports testStore and testBridgeMount in ESM and in CommonJS', () => {
    const check = `console.log(typeof testStore, typeof testBridgeMount)`;
    const esm = `import { testStore, testBridgeMount } from '@smsbridge/testkit/conformance'; ${check}`;
    const cjs = `const { testStore, testBridgeMount } = require('@smsbridge/testkit/conformance'); ${check}`;
    expect(project.node(['--input-type=module', '-e', esm]).trim()).toBe('function function');
    expect(project.node(['--input-type=commonjs', '-e', cjs]).trim()).toBe('function function');
  });

  it('runs testStore under vitest, from an ES module and from a CommonJS test file', () => {
    writeFileSync(
      join(project.dir, 'store.test.js'),
      `import { createMemoryStore } from '@smsbridge/store-memory';
import { testStore } from '@smsbridge/testkit/conformance';
testStore({ name: 'memory (ESM)', create: () => createMemoryStore() });
`,
    );
    writeFileSync(
      join(project.dir, 'store.test.cjs'),
      `const { createMemoryStore } = require('@smsbridge/store-memory');
const { testStore } = require('@smsbridge/testkit/conformance');
testStore({ name: 'memory (CommonJS)', create: () => createMemoryStore() });
`,
    );
    const vitest = join(project.dir, 'node_modules/vitest/vitest.mjs');
    const output = execFileSync(process.execPath, [vitest, 'run', '--root', project.dir], {
      cwd: project.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', CI: 'true' },
    });
    expect(output).toMatch(/Test Files\s+2 passed/);
    expect(output).toMatch(/Tests\s+\d+ passed/);
    expect(output).not.toMatch(/failed/);
  }, 120_000);
});
