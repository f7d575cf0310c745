import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const required = process.env.REQUIRE_MONGO === '1';

/**
 * The MongoDB to test against: `MONGODB_URI` (CI starts FerretDB and sets it), else a
 * `mongodb-memory-server` (downloads a real mongod where there is internet). Undefined when
 * neither works, which fails the run under `REQUIRE_MONGO=1` and skips the tests otherwise.
 */
export async function mongoUri(): Promise<string | undefined> {
  if (process.env.MONGODB_URI) return process.env.MONGODB_URI;
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const server = await MongoMemoryServer.create();
    return server.getUri();
  } catch (error) {
    if (required)
      throw new Error('[smsbridge] [store-mongo] REQUIRE_MONGO=1 but no MongoDB is available.', {
        cause: error,
      });
    console.warn('[smsbridge] [store-mongo] Skipping MongoDB tests: set MONGODB_URI (see README).');
    return undefined;
  }
}

/** A database name no other test file uses. */
export function uniqueDbName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`FerretDB did not listen on ${port} within ${timeoutMs} ms`);
}

/** A FerretDB process of this test's own, so it can be killed, hung and restarted on one port. */
export interface FerretDbProcess {
  uri: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /**
   * Hangs the database with SIGSTOP: its connections stay open and it accepts new ones (the
   * kernel does), but it answers nothing, the nastiest way for a database to fail.
   */
  freeze(): void;
  /** Resumes a frozen database (SIGCONT); it then answers what it was sent meanwhile. */
  thaw(): void;
}

/** Starts `FERRETDB_BIN` (SQLite backend, temp dir, telemetry off), or undefined when absent. */
export async function startOwnFerretDb(): Promise<FerretDbProcess | undefined> {
  const bin = process.env.FERRETDB_BIN;
  if (!bin) {
    if (required)
      throw new Error(
        '[smsbridge] [store-mongo] REQUIRE_MONGO=1 needs FERRETDB_BIN for the outage tests.',
      );
    return undefined;
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'smsbridge-ferretdb-'));
  let child: ChildProcess | undefined;
  // Never leave a FerretDB behind, least of all a frozen one, if the test process ends abruptly.
  process.once('exit', () => child?.kill('SIGKILL'));
  const process_ = {
    uri: `mongodb://127.0.0.1:${port}/`,
    async start() {
      child = spawn(
        bin,
        [
          '--handler=sqlite',
          `--sqlite-url=file:${dir}/`,
          `--listen-addr=127.0.0.1:${port}`,
          '--debug-addr=-',
          '--telemetry=disable',
          `--state-dir=${dir}`,
          '--log-level=error',
        ],
        { stdio: 'ignore' },
      );
      await waitForPort(port);
    },
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      if (child && child.exitCode === null) child.kill('SIGCONT');
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
  await process_.start();
  return process_;
}
