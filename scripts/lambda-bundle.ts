import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { type BuildOptions, build } from 'esbuild';

/** A Lambda bundle as deployed: its file, alone in an otherwise empty directory. */
export interface DeployedBundle {
  /** The directory holding the bundle and nothing else (no node_modules). */
  dir: string;
  /** The bundle's file name, e.g. `lambda.mjs`. */
  file: string;
  /** Every source file esbuild put into the bundle, relative to the repository. */
  inputs: string[];
}

/**
 * Bundles `options.entryPoints` with esbuild as SAM's esbuild build method does (bundle, platform
 * node, plus the given options), then copies only the output into an empty temporary directory,
 * as a Lambda zip holds it: any import the bundle did not resolve fails there, as it would in AWS.
 */
export async function bundleAsDeployed(options: BuildOptions): Promise<DeployedBundle> {
  const outdir = mkdtempSync(join(tmpdir(), 'smsbridge-bundle-out-'));
  const result = await build({
    bundle: true,
    platform: 'node',
    write: true,
    metafile: true,
    logLevel: 'silent',
    ...options,
    outdir,
  });
  const dir = mkdtempSync(join(tmpdir(), 'smsbridge-lambda-'));
  const files = readdirSync(outdir).filter((name) => !name.endsWith('.map'));
  for (const name of files) copyFileSync(join(outdir, name), join(dir, name));
  const [file] = files;
  if (!file || files.length !== 1) throw new Error(`expected one bundle, got ${files.join(', ')}`);
  const repository = join(import.meta.dirname, '..');
  return {
    dir,
    file,
    inputs: Object.keys(result.metafile?.inputs ?? {}).map((input) =>
      relative(repository, join(process.cwd(), input)),
    ),
  };
}

/** The Lambda runtime's part, for one process: import the handler, then invoke it per line. */
const RUNTIME = `
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
const [file, exportName] = process.argv.slice(2);
const module = await import(pathToFileURL(file).href);
const handler = module[exportName] ?? module.default?.[exportName];
if (typeof handler !== 'function') throw new Error('no handler ' + exportName + ' in ' + file);
console.log(JSON.stringify({ ready: true }));
for await (const line of createInterface({ input: process.stdin })) {
  try {
    console.log(JSON.stringify({ result: await handler(JSON.parse(line)) }));
  } catch (error) {
    console.log(JSON.stringify({ error: String(error?.stack ?? error) }));
  }
}
`;

/** A bundle loaded in a fresh Node process, as the Lambda runtime loads it at a cold start. */
export interface RunningLambda {
  /** Invokes the handler with one event and resolves with what it returned. */
  invoke<T = unknown>(event: unknown): Promise<T>;
  /** What the process wrote to stderr so far (logs). */
  stderr(): string;
  close(): Promise<void>;
}

/**
 * Starts a fresh Node process with `bundle.dir` as its working directory and `env` as its whole
 * environment (plus PATH), imports the bundle there and invokes `handler` once per event. Rejects
 * if the import fails, as a Lambda's init phase would.
 */
export async function startLambda(
  bundle: DeployedBundle,
  env: Record<string, string>,
  exportName = 'handler',
): Promise<RunningLambda> {
  const runtimeDir = mkdtempSync(join(tmpdir(), 'smsbridge-runtime-'));
  const runtime = join(runtimeDir, 'runtime.mjs');
  writeFileSync(runtime, RUNTIME);
  const child = spawn(process.execPath, [runtime, join(bundle.dir, bundle.file), exportName], {
    cwd: bundle.dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`the Lambda process ended: ${stderr}`);
    return JSON.parse(line.value) as { ready?: true; result?: unknown; error?: string };
  };
  const first = await next();
  if (!first.ready) throw new Error(`the bundle failed at import: ${stderr}`);
  return {
    async invoke<T>(event: unknown) {
      child.stdin.write(`${JSON.stringify(event)}\n`);
      const answer = await next();
      if (answer.error) throw new Error(`the handler threw: ${answer.error}`);
      return answer.result as T;
    },
    stderr: () => stderr,
    async close() {
      child.stdin.end();
      if (child.exitCode === null) {
        await new Promise((resolve) => {
          child.once('exit', resolve);
          setTimeout(() => child.kill(), 2_000).unref();
        });
      }
    },
  };
}
