import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATE_PATHS = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** The Chromium or Chrome binary to drive, or `undefined` when this machine has none. */
export function findChromium(): string | undefined {
  return CANDIDATE_PATHS.find((path): path is string => Boolean(path && existsSync(path)));
}

/**
 * Whether browser tests should be skipped. On a developer machine without Chromium they are
 * skipped with a message; under CI (`CI=true`), or with `REQUIRE_BROWSER=1`, a missing browser is
 * a failure, because .ci/run installs Chromium and a silent skip would hide a broken install.
 */
export function browserUnavailable(): boolean {
  if (findChromium()) return false;
  if (process.env.CI === 'true' || process.env.REQUIRE_BROWSER === '1') {
    throw new Error(
      '[smsbridge] [testkit] No Chromium found (set CHROMIUM_PATH or `apt-get install -y chromium`); CI requires it.',
    );
  }
  console.warn(
    '[smsbridge] [testkit] Skipping browser tests: no Chromium found (set CHROMIUM_PATH).',
  );
  return true;
}

/**
 * Launches headless Chromium the way this workplace needs: no sandbox (root), no GPU, and no
 * background networking (the closed network refuses those connections and Chromium retries).
 * Playwright gives every launch a fresh temporary profile itself.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('[smsbridge] [testkit] No Chromium found.');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where tests save screenshots: `test-artifacts/` at the repository root (git-ignored). */
export function artifactPath(fileName: string): string {
  const dir = resolve(import.meta.dirname, '../../../../test-artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, fileName);
}
