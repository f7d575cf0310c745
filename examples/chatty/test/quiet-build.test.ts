import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const script = `${root}scripts/quiet-build.mjs`;

/** Runs the script with a stand-in build that prints to both streams and exits with `code`. */
function run(code: number) {
  const build = `console.log('vite: 190 lines of tables'); console.error('tsup: a warning'); process.exit(${code});`;
  const result = spawnSync(process.execPath, [script, process.execPath, '-e', build], {
    encoding: 'utf8',
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe('scripts/quiet-build.mjs (what `npm start` builds with)', () => {
  it('keeps a good build quiet: one line before, one after', () => {
    const { status, out, err } = run(0);
    expect(status).toBe(0);
    expect(`${out}${err}`).not.toMatch(/vite:|tsup:/);
    expect(out.trim().split('\n')).toEqual([
      '[smsbridge] Building (the output is shown only if the build fails)…',
      expect.stringMatching(/^\[smsbridge\] Built in \d+ s\.$/),
    ]);
  });

  it('shows everything a failed build said, and exits with its code', () => {
    const { status, err } = run(3);
    expect(status).toBe(3);
    expect(err).toContain('vite: 190 lines of tables');
    expect(err).toContain('tsup: a warning');
    expect(err).toContain('The build failed (exit code 3)');
  });

  it('is what `npm start` and `npm run dev` run, after ensure-installed', () => {
    const { scripts } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(scripts.prestart).toBe('node scripts/ensure-installed.mjs');
    expect(scripts.start).toMatch(/^node scripts\/quiet-build\.mjs && /);
    expect(scripts.dev).toMatch(/^node scripts\/quiet-build\.mjs && /);
  });
});
