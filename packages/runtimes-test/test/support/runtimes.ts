import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'vitest';

const require = createRequire(import.meta.url);

/** A runtime binary as `npm ci` installed it, and the version it reports. */
export interface Runtime {
  path: string;
  version: string;
}

/**
 * The folder of an installed package, looked up as Node would from `from` (a package folder) or
 * from here; by folder, because not every package exports its package.json.
 */
export function packageDir(name: string, from?: string): string | undefined {
  const lookup = from ? createRequire(join(from, 'package.json')) : require;
  return lookup.resolve
    .paths(name)
    ?.map((modules) => join(modules, name))
    .find((dir) => existsSync(join(dir, 'package.json')));
}

/** The package's `version` field (what the lockfile installed). */
export function packageVersion(name: string, from?: string): string {
  const dir = packageDir(name, from);
  if (!dir) throw new Error(`${name} is not installed`);
  return (require(join(dir, 'package.json')) as { version: string }).version;
}

/** The first candidate that runs `--version`, with the first line it printed. */
function firstRunnable(candidates: (string | undefined)[]): Runtime | undefined {
  for (const path of candidates) {
    if (!path) continue;
    try {
      const output = execFileSync(path, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 30_000,
      });
      return { path, version: output.trim().split('\n')[0] ?? '' };
    } catch {
      // not installed for this platform, or the postinstall script did not run: try the next
    }
  }
  return undefined;
}

const arch = process.arch === 'arm64' ? 'aarch64' : 'x64';

/**
 * Bun from the `bun` devDependency: its postinstall script moves the binary of the platform
 * package (`@oven/bun-linux-x64`, …) into `bun/bin`; without the script it stays where it was.
 */
export function findBun(): Runtime | undefined {
  const main = packageDir('bun');
  if (!main) return undefined;
  const platform = packageDir(`@oven/bun-${process.platform}-${arch}`, main);
  return firstRunnable([join(main, 'bin', 'bun.exe'), platform && join(platform, 'bin', 'bun')]);
}

/** Deno from the `deno` devDependency, the same way (`@deno/linux-x64-glibc`, …). */
export function findDeno(): Runtime | undefined {
  const main = packageDir('deno');
  if (!main) return undefined;
  const platform = packageDir(`@deno/${process.platform}-${process.arch}-glibc`, main);
  return firstRunnable([join(main, 'deno'), platform && join(platform, 'deno')]);
}

/** workerd as miniflare runs it (the `workerd` package miniflare depends on). */
export function findWorkerd():
  | (Runtime & { miniflare: string; workerdPackage: string })
  | undefined {
  const miniflare = packageDir('miniflare');
  if (!miniflare) return undefined;
  try {
    const binary = (
      createRequire(join(miniflare, 'package.json'))('workerd') as { default: string }
    ).default;
    const runtime = firstRunnable([binary]);
    return (
      runtime && {
        ...runtime,
        miniflare: packageVersion('miniflare'),
        workerdPackage: packageVersion('workerd', miniflare),
      }
    );
  } catch {
    return undefined;
  }
}

/**
 * Under CI (`CI=true`), or with `REQUIRE_RUNTIMES=1`, every runtime must run: a missing one fails
 * the run instead of skipping (as a missing browser does in the testkit's browser tests).
 */
const required = process.env.CI === 'true' || process.env.REQUIRE_RUNTIMES === '1';

/**
 * Runs `suite` with the runtime when it is installed. When it is not: a failing test in CI, a
 * skipped suite (and a warning) elsewhere, e.g. on a platform the runtime does not ship for.
 */
export function describeRuntime<R extends Runtime>(
  name: string,
  runtime: R | undefined,
  suite: (runtime: R) => void,
): void {
  if (runtime) {
    console.log(`[runtimes] ${name}: ${runtime.version} (${runtime.path})`);
    describe(name, () => suite(runtime));
    return;
  }
  const reason = `${name} did not run from node_modules (\`npm ci\` installs it as a devDependency: does it ship for ${process.platform}-${process.arch}?)`;
  if (required) {
    describe(name, () => {
      it('is installed', () => {
        throw new Error(`${reason}; CI requires every runtime.`);
      });
    });
  } else {
    console.warn(`[runtimes] skipping ${name}: ${reason}`);
    describe.skip(name, () => {
      it('is installed', () => {});
    });
  }
}
