import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { allBlocks, GENERATED_DIR } from './blocks.js';

const root = join(import.meta.dirname, '../..');
// The config wrote these files when the project loaded; read the same list here.
const blocks = allBlocks();
const checked = blocks.filter((block) => !block.fragment);
const run = checked.filter((block) => block.run);
const suites = checked.filter((block) => block.file.endsWith('.test.ts'));
const fragments = blocks.filter((block) => block.fragment);

afterAll(() => {
  console.log(
    `docs: ${blocks.length} ts blocks: ${checked.length} type-checked, ${run.length} run by this test and ${suites.length} run as test files, ${fragments.length} fragments skipped (${fragments.map((block) => `${block.doc}:${block.line}`).join(', ')})`,
  );
});

describe("the guides' TypeScript blocks", () => {
  it('are all written where the packages resolve', () => {
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of checked) expect(existsSync(block.path), block.path).toBe(true);
  });

  it('type-check against the built packages (strict, as the packages are)', () => {
    if (!existsSync(join(root, 'packages/core/dist/index.d.ts'))) {
      throw new Error('The packages are not built: run `npm run build` first.');
    }
    const tsc = spawnSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', GENERATED_DIR],
      { cwd: root, encoding: 'utf8' },
    );
    // Point each error at the guide and line it comes from.
    const errors = tsc.stdout.replace(
      /^docs\/\.generated\/([^/]+)\/(\S+?)\((\d+),(\d+)\)/gm,
      (found, guide: string, file: string, line: string) => {
        const block = checked.find((b) => b.doc === `${guide}.md` && b.file === file);
        return block ? `docs/${guide}.md:${block.line + Number(line)}` : found;
      },
    );
    expect(errors).toBe('');
    expect(tsc.status).toBe(0);
  });

  it.each(run.map((block) => [`${block.doc}:${block.line} (${block.file})`, block] as const))(
    'runs %s',
    async (_name, block) => {
      await import(/* @vite-ignore */ pathToFileURL(block.path).href);
    },
  );
});
