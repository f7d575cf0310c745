// What a published package's tarball may hold, checked on `npm pack --dry-run --json`: the
// built `dist/`, README.md, LICENSE (the root's, word for word) and package.json. Never tests,
// TypeScript sources, configs or `.generated/` files, and never a source map whose `sources`
// are not in the tarball.
//
// Why the tarballs ship no source maps: tsup's maps point at `../src/*.ts`, and the sources stay
// out of the tarball (they would double it and bring their relative imports and test-only paths
// along). The `dist/` code is unminified ESM and CJS with the original names, readable in a
// stack trace as it is, and the maps were over half of every package's unpacked size. The build
// still writes them, for debugging inside this repository; the CJS maps even point into
// `node_modules/tsup` (its shims), which no tarball could ship.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

/**
 * Paths that never belong in a tarball, with the reason shown when one is found.
 * @type {[RegExp, string][]}
 */
const FORBIDDEN = [
  [/(^|\/)(test|tests|__tests__|__mocks__|test-artifacts)\//, 'a test file'],
  [/\.(test|spec|bench)\.[cm]?[jt]sx?$/, 'a test file'],
  [/(^|\/)src\//, 'a source file'],
  [/\.[cm]?tsx?$/, 'a TypeScript source (only .d.ts/.d.cts belong)'],
  [/(^|\/)\.generated(\/|$)/, 'a .generated file'],
  [/(^|\/)(tsconfig[^/]*\.json|tsup\.config\.[cm]?[jt]s|vitest\.config\.[cm]?[jt]s)$/, 'a config'],
];
const DECLARATION = /\.d\.[cm]?ts$/;
const LICENSE = /^licen[cs]e(\.md|\.txt)?$/i;

/**
 * @typedef {{ path: string, size: number }} PackedFile
 * @typedef {{ name: string, files: PackedFile[], unpackedSize: number, entryCount: number }} Packed
 */

/**
 * Packs `dir` (a dry run: nothing is written) and returns what is wrong with the tarball.
 * @param {string} root the repository root
 * @param {string} dir the package folder, relative to `root`
 * @returns {{ packed: Packed, problems: string[] }}
 */
export function checkTarball(root, dir) {
  const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: join(root, dir),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  /** @type {Packed} */
  const packed = JSON.parse(json)[0];
  const paths = new Set(packed.files.map((file) => file.path));
  /** @type {string[]} */
  const problems = [];

  for (const path of paths) {
    for (const [pattern, what] of FORBIDDEN) {
      if (pattern.test(path) && !(what.startsWith('a TypeScript') && DECLARATION.test(path))) {
        problems.push(`${path} is ${what}`);
        break;
      }
    }
    if (path.endsWith('.map')) problems.push(...mapProblems(join(root, dir), path, paths));
  }

  if (!paths.has('README.md')) problems.push('README.md is missing');
  const license = [...paths].find((path) => LICENSE.test(path));
  if (!license) problems.push('LICENSE is missing');
  else if (
    readFileSync(join(root, dir, license), 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8')
  ) {
    problems.push(`${license} differs from the repository's LICENSE`);
  }
  return { packed, problems };
}

/**
 * A source map must point only at files in the tarball.
 * @param {string} packageDir
 * @param {string} mapPath
 * @param {Set<string>} paths
 */
function mapProblems(packageDir, mapPath, paths) {
  /** @type {{ sources?: string[], sourceRoot?: string }} */
  const map = JSON.parse(readFileSync(join(packageDir, mapPath), 'utf8'));
  const base = posix.join(dirname(mapPath), map.sourceRoot ?? '');
  const missing = (map.sources ?? [])
    .map((source) => posix.normalize(posix.join(base, source)))
    .filter((source) => !paths.has(source));
  if (missing.length === 0) return [];
  return [
    `${mapPath} maps to ${missing.length} file(s) not in the tarball (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''})`,
  ];
}
