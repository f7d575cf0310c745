// Checks the release the pending changesets make, without making it:
// 1. `changeset status` must give every released package a 0.x version. A peer dependency on
//    `@smsbridge/core` whose range a core minor leaves makes changesets release the dependent as
//    a major (1.0.0), which is why the peer ranges are `>=0.0.0 <1.0.0` and the config sets
//    `onlyUpdatePeerDependentsWhenOutOfRange` (an option changesets may change in a patch: this
//    check is what notices).
// 2. A dry run: `changeset version` on a copy of the repository in a scratch directory, printing
//    the CHANGELOG.md files and dependency ranges it would write, and failing when a workspace
//    would then depend on a version of another workspace that its range no longer admits (npm
//    would fetch that package from the registry instead of linking the workspace).
// The real tree is never written to.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import semver from 'semver';

const root = join(import.meta.dirname, '..');
const changesetBin = join(root, 'node_modules', '.bin', 'changeset');
const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
];

/**
 * @typedef {{ name: string, type: string, oldVersion: string, newVersion: string }} Release
 * @typedef {{ releases: Release[] }} ReleasePlan
 */

/** @param {string} file @returns {any} */
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
/** @param {string[]} args */
const git = (args, cwd = root) =>
  spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** @type {string[]} */
const problems = [];
const scratch = mkdtempSync(join(tmpdir(), 'smsbridge-release-'));
try {
  const copy = copyRepository(join(scratch, 'repo'));
  const plan = releasePlan(copy);
  checkVersions(plan);
  if (plan.releases.some((release) => release.type !== 'none')) dryRunVersion(copy, plan);
  else console.log('No changesets pending: nothing would be released.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`\n✗ Release check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('\n✓ Release check passed: every package stays below 1.0.0.');

/**
 * The files git tracks or would track (ignored ones left out), as they are on disk now.
 * @param {string} target
 */
function copyRepository(target) {
  const listed = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = join(root, file);
    if (!existsSync(from)) continue; // deleted in the working tree
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(from, join(target, file));
  }
  // changesets resolves its changelog generator from the repository: lend it ours, read-only.
  symlinkSync(join(root, 'node_modules'), join(target, 'node_modules'), 'dir');
  return target;
}

/**
 * `changeset status --output`: in the real repository when its base branch is here (so a
 * changed package without a changeset fails too), otherwise (a clone of one branch) in the copy,
 * made a repository whose base branch is this tree, where only the versions are checked.
 * @param {string} copy
 * @returns {ReleasePlan}
 */
function releasePlan(copy) {
  const { baseBranch = 'main' } = readJson(join(root, '.changeset', 'config.json'));
  let cwd = root;
  if (git(['rev-parse', '--verify', '--quiet', `${baseBranch}^{commit}`]).status !== 0) {
    console.warn(
      `Base branch "${baseBranch}" is not in this clone: not checking that changed packages have changesets.`,
    );
    const init = [
      ['init', '--quiet', '--initial-branch', baseBranch],
      ['add', '--all'],
      ['-c', 'user.name=check', '-c', 'user.email=check@invalid', 'commit', '--quiet', '-m', 'x'],
    ];
    for (const args of init) {
      const result = git(args, copy);
      if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    }
    cwd = copy;
  }
  const output = join(scratch, 'status.json');
  execFileSync(changesetBin, ['status', '--output', output], { cwd, stdio: 'inherit' });
  return readJson(output);
}

/** @param {ReleasePlan} plan */
function checkVersions(plan) {
  console.log('── changeset status: the next release');
  for (const release of plan.releases) {
    console.log(
      `  ${release.name}: ${release.oldVersion} → ${release.newVersion} (${release.type})`,
    );
    if (release.type !== 'none' && semver.major(release.newVersion) >= 1) {
      problems.push(
        `${release.name} would be released as ${release.newVersion}; every package stays 0.x (a peer range on a workspace package that a minor bump leaves makes changesets release a major)`,
      );
    }
  }
}

/**
 * `changeset version` on the copy, then what it wrote.
 * @param {string} copy
 * @param {ReleasePlan} plan
 */
function dryRunVersion(copy, plan) {
  console.log('\n── changeset version (dry run on a copy)');
  execFileSync(changesetBin, ['version'], { cwd: copy, stdio: 'inherit' });
  const { workspaces } = readJson(join(root, 'package.json'));
  /** @type {Map<string, string>} */
  const versions = new Map();
  for (const dir of workspaces) {
    const manifest = readJson(join(copy, dir, 'package.json'));
    versions.set(manifest.name, manifest.version);
  }
  for (const release of plan.releases) {
    if (versions.get(release.name) !== release.newVersion) {
      problems.push(
        `${release.name}: changeset version wrote ${versions.get(release.name)}, status said ${release.newVersion}`,
      );
    }
  }
  for (const dir of workspaces) {
    printChangelog(copy, dir);
    checkWorkspaceRanges(copy, dir, versions);
  }
}

/** @param {string} copy @param {string} dir */
function printChangelog(copy, dir) {
  const written = join(copy, dir, 'CHANGELOG.md');
  if (!existsSync(written)) return;
  const text = readFileSync(written, 'utf8');
  const current = join(root, dir, 'CHANGELOG.md');
  const before = existsSync(current) ? readFileSync(current, 'utf8') : '';
  if (text === before) return;
  console.log(`\n┌── ${dir}/CHANGELOG.md (${before ? 'updated' : 'new'})\n`);
  console.log(text.trimEnd());
  console.log(`\n└── end of ${dir}/CHANGELOG.md`);
}

/**
 * Every range on another workspace must admit that workspace's new version.
 * @param {string} copy
 * @param {string} dir
 * @param {Map<string, string>} versions
 */
function checkWorkspaceRanges(copy, dir, versions) {
  const before = readJson(join(root, dir, 'package.json'));
  const after = readJson(join(copy, dir, 'package.json'));
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(after[field] ?? {})) {
      const version = versions.get(name);
      if (version === undefined) continue;
      const old = before[field]?.[name];
      if (old !== range) console.log(`  ${after.name} ${field}: ${name} ${old} → ${range}`);
      if (!semver.satisfies(version, range)) {
        problems.push(
          `${after.name} ${field} "${name}": "${range}" would not admit ${name}@${version}`,
        );
      }
    }
  }
}
