// Checks every published workspace package the way npm consumers will see it:
// publint (package.json and exports sanity), @arethetypeswrong/cli (types resolve for
// ESM and CJS importers under every module resolution), and the tarball's contents
// (scripts/tarball-contents.mjs). Runs on the built `dist/`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTarball } from './tarball-contents.mjs';

const root = join(import.meta.dirname, '..');
const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

let failures = 0;
for (const dir of workspaces) {
  const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  /** @type {[string, string[]][]} */
  const checks = [
    ['publint', ['publint', '--strict', dir]],
    ['attw', ['attw', '--pack', dir]],
  ];
  for (const [tool, args] of checks) {
    console.log(`\n── ${tool}: ${manifest.name}`);
    try {
      execFileSync('npx', ['--no-install', ...args], { cwd: root, stdio: 'inherit' });
    } catch {
      failures += 1;
      console.error(`✗ ${tool} failed for ${manifest.name}`);
    }
  }
  console.log(`\n── tarball: ${manifest.name}`);
  const { packed, problems } = checkTarball(root, dir);
  const kB = (/** @type {number} */ bytes) => `${(bytes / 1000).toFixed(1)} kB`;
  console.log(`${packed.entryCount} files, ${kB(packed.unpackedSize)} unpacked`);
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  if (problems.length > 0) {
    failures += 1;
    console.error(`✗ tarball contents wrong for ${manifest.name}`);
  }
}
if (failures > 0) {
  console.error(`\n${failures} package check(s) failed.`);
  process.exit(1);
}
console.log('\nAll package checks passed.');
