import { type ChildProcess, spawn } from 'node:child_process';
import type { BridgeMountEnvironment, MountedBridge } from '@smsbridge/testkit/conformance';
import type { MountReport } from '../../servers/test-bridge.ts';

/** Where the test servers live, for runtimes that run them from source. */
export const serversDir = new URL('../../servers/', import.meta.url).pathname;

/** A mounted bridge that can also say what its runtime passed it. */
export interface ReportingMount extends MountedBridge {
  origin: string;
  report(): Promise<MountReport>;
}

/** Reads `/__mount` of a test server (see `servers/test-bridge.ts`). */
export async function fetchReport(origin: string): Promise<MountReport> {
  const response = await fetch(`${origin}/__mount`);
  if (!response.ok) throw new Error(`${origin}/__mount answered ${response.status}`);
  return (await response.json()) as MountReport;
}

/** Polls `/__mount` until the work handed to `waitUntil` is done. */
export async function settle(origin: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await fetchReport(origin)).pending > 0) {
    if (Date.now() > deadline) throw new Error(`work handed to waitUntil still running`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A process of another runtime, started and ready. */
export interface Child {
  /** What `ready` matched in its output. */
  ready: RegExpExecArray;
  /** Everything it wrote so far, stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `command` and waits until its output (stdout or stderr) matches `ready`. Its stderr
 * (the bridge's warnings and errors) goes on to this process's, each line prefixed with `label`.
 */
export function startChild(
  label: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; ready: RegExp },
): Promise<Child> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${label} was not ready in 45 s:\n${output}`));
    }, 45_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
    const read = (chunk: Buffer) => {
      output += chunk;
      const ready = options.ready.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      resolve({ ready, output: () => output, stop: () => stop(child) });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of String(chunk).trimEnd().split('\n'))
        process.stderr.write(`[${label}] ${line}\n`);
      read(chunk);
    });
  });
}

/**
 * Runs a test server of `servers/` in another runtime (`BRIDGE_ENV` holds the emulators) and
 * waits for its `listening <origin>` line.
 */
export async function serveInChild(
  label: string,
  command: string,
  args: string[],
  env: BridgeMountEnvironment,
): Promise<ReportingMount> {
  const child = await startChild(label, command, args, {
    cwd: serversDir,
    env: { ...process.env, BRIDGE_ENV: JSON.stringify(env) },
    ready: /^listening (\S+)$/m,
  });
  const origin = child.ready[1] ?? '';
  return {
    url: `${origin}/bridge`,
    origin,
    report: () => fetchReport(origin),
    close: child.stop,
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Wraps a mount's `start` so the report it gave just before closing stays readable by checks
 * that run after the contract suite (which closes the mount in its `afterAll`).
 */
export function keepingLastReport(start: (env: BridgeMountEnvironment) => Promise<ReportingMount>) {
  const kept: { report?: MountReport } = {};
  return {
    kept,
    async start(env: BridgeMountEnvironment): Promise<MountedBridge> {
      const mount = await start(env);
      return {
        ...mount,
        async close() {
          try {
            kept.report = await mount.report();
          } finally {
            await mount.close();
          }
        },
      };
    },
  };
}
