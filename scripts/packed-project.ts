import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Workspace package name → its folder. */
function workspaceDirs(): Map<string, string> {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  return new Map(workspaces.map((dir) => [readManifest(join(root, dir)).name, join(root, dir)]));
}

/** The folder of `name` as Node would find it from `from` inside the repository. */
function installedDir(name: string, from: string): string {
  for (let dir = from; dir.startsWith(root); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} is not installed in the repository (run npm ci)`);
}

/** A project made by {@link createPackedProject}. */
export interface PackedProject {
  /** The project's folder, outside the repository. */
  dir: string;
  /** Runs `node` in the project: `-e` scripts resolve packages from it. */
  node(args: string[]): string;
  remove(): void;
}

/**
 * A project in a temporary folder outside the repository with `packages` (workspace names)
 * installed from the tarballs `npm pack` makes of them: what the registry would serve, so
 * `files`, `exports` and the built `dist/` are tested as users get them. Needing no registry,
 * their `dependencies` and the `link`ed packages (peers, types, tools) are symlinks to the
 * versions the repository's lockfile installed. Nothing else is installed: a peer that is not
 * linked is missing, as it is for a user who did not install it. Run `npm run build` first.
 */
export function createPackedProject(packages: string[], link: string[] = []): PackedProject {
  const dir = mkdtempSync(join(tmpdir(), 'smsbridge-packed-'));
  const modules = join(dir, 'node_modules');
  const workspaces = workspaceDirs();
  const linked = new Set<string>();
  const linkFrom = (name: string, from: string) => {
    if (linked.has(name) || packages.includes(name)) return;
    if (workspaces.has(name)) throw new Error(`${name} is a workspace package: pack it too`);
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(installedDir(name, from), join(modules, name), 'dir');
    linked.add(name);
  };

  for (const name of packages) {
    const source = workspaces.get(name);
    if (!source) throw new Error(`${name} is not a workspace package`);
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
        cwd: source,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    ) as { filename: string }[];
    const tarball = join(dir, packed[0]?.filename ?? '');
    const target = join(modules, name);
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
    rmSync(tarball);
    for (const dependency of Object.keys(readManifest(source).dependencies ?? {})) {
      linkFrom(dependency, source);
    }
  }
  for (const name of link) linkFrom(name, root);

  return {
    dir,
    node: (args) =>
      execFileSync(process.execPath, args, {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
