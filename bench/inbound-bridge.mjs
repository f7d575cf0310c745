// The bridge under load, in its own process: the Express adapter over the memory store, with the
// member seeded, talking to the upstream (UPSTREAM_URL). Reports its CPU time and the requests it
// received over a window the parent opens and closes (`window`).
import { createServer } from 'node:http';
import { createExpressHandler } from '@smsbridge/adapter-express';
import express from 'express';
import { addMember, benchBridge, logged } from './bridge.mjs';
import { serveParent } from './child.mjs';
import { CHANNEL, MEMBER } from './lib.mjs';

const { bridge, store, chat } = benchBridge(process.env.UPSTREAM_URL);
await addMember(store);
// Not measured: each kind of call the bridge can make to Stream once, so a fixed answer the SDK
// refused would fail here rather than skew the figures.
await chat.upsertUser({ id: 'smsbridge', name: 'SMS bridge' });
await chat.ensureMembers(CHANNEL, 'smsbridge', [MEMBER.id]);

const app = express();
app.use('/bridge', createExpressHandler(bridge));
const server = createServer(app);
let received = 0;
server.on('request', () => {
  received += 1;
});
server.listen(0, '127.0.0.1', () => {
  serveParent(
    { url: `http://127.0.0.1:${server.address().port}/bridge/sms` },
    { window: () => ({ cpu: process.cpuUsage(), received, logged: { ...logged } }) },
  );
});
