// The child's side of startChild() in lib.mjs: answer the parent's calls over IPC, say ready,
// exit when the parent disconnects. Every child can report its CPU time (`usage`).

/** Serves `handlers` (type → async function of the payload) and tells the parent `ready`. */
export function serveParent(ready, handlers = {}) {
  const all = {
    usage: () => ({ cpu: process.cpuUsage(), at: performance.now() }),
    ...handlers,
  };
  process.on('message', async ({ id, type, payload }) => {
    try {
      const handler = all[type];
      if (!handler) throw new Error(`no handler for "${type}"`);
      process.send({ id, result: await handler(payload) });
    } catch (error) {
      process.send({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ ready });
}
