// Runs the build for `npm start` / `npm run dev` with its output held back: a good build prints
// one line instead of ~190 (tsup and vite tables for every package) that push Chatty's URLs off
// the screen; a failed build prints everything it said, then exits with its code.
// Usage: node scripts/quiet-build.mjs [command args...]   (default: npm run build)
// Plain Node with no dependencies, like ensure-installed.mjs.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const given = process.argv.slice(2);
// Under npm, npm_execpath is npm's own CLI: running it with this Node avoids npm.cmd on Windows.
const npm = process.env.npm_execpath
  ? [process.execPath, process.env.npm_execpath]
  : [process.platform === 'win32' ? 'npm.cmd' : 'npm'];
const [command = '', ...args] = given.length > 0 ? given : [...npm, 'run', 'build'];

console.log('[smsbridge] Building (the output is shown only if the build fails)…');
const started = Date.now();
/** @type {Buffer[]} */
const output = [];
const child = spawn(command, args, {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
  shell: process.platform === 'win32' && command.endsWith('.cmd'),
});
// One list for both streams keeps errors next to the lines that led to them.
child.stdout.on('data', (chunk) => output.push(chunk));
child.stderr.on('data', (chunk) => output.push(chunk));
child.on('error', (error) => {
  console.error(`[smsbridge] Could not run ${command}: ${error.message}`);
  process.exit(1);
});
child.on('close', (code, signal) => {
  if (code === 0) {
    console.log(`[smsbridge] Built in ${Math.round((Date.now() - started) / 1000)} s.`);
    return;
  }
  process.stderr.write(Buffer.concat(output));
  console.error(
    `\n[smsbridge] The build failed (${signal ? `signal ${signal}` : `exit code ${code}`}); its output is above.`,
  );
  process.exit(code || 1);
});
