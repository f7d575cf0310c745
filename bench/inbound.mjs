// Signed inbound SMS through the Express adapter under load, against a floor: a bare node:http
// server doing the same one upstream call (a Stream message post) per request.
import { createServer } from 'node:http';
import { createExpressHandler } from '@smsbridge/adapter-express';
import { createStreamChatTransport } from '@smsbridge/core/stream';
import autocannon from 'autocannon';
import express from 'express';
import jwt from 'jsonwebtoken';
import { benchBridge, CHANNEL, check, KEYS, signedSms, startEmulators } from './lib.mjs';

const MEMBER = { id: 'bench-member', name: 'Bench', phone: '+14155550123' };

function listen(app) {
  return new Promise((resolve) => {
    const server = app.listen
      ? app.listen(0, '127.0.0.1', () => resolve(server))
      : app.listen(0, '127.0.0.1', () => resolve(app));
  });
}

async function load(url, seconds, connections, signed) {
  let n = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest(request) {
          n += 1;
          const sms = signed(n);
          return { ...request, method: 'POST', headers: sms.headers, body: sms.body };
        },
      },
    ],
  });
  return result;
}

export async function benchInbound({ quick }) {
  const seconds = quick ? 3 : 10;
  const connections = 10;
  const emulators = await startEmulators();
  const { bridge, store } = benchBridge(emulators);
  await store.upsertMember({
    phone: MEMBER.phone,
    name: MEMBER.name,
    verified: true,
    newId: MEMBER.id,
  });
  const chat = createStreamChatTransport({
    apiKey: KEYS.apiKey,
    apiSecret: KEYS.apiSecret,
    baseURL: emulators.stream.url,
  });
  await chat.upsertUser({ id: 'smsbridge', name: 'SMS bridge' });
  await chat.upsertUser({ id: MEMBER.id, name: MEMBER.name });
  await chat.ensureMembers(CHANNEL, 'smsbridge', [MEMBER.id]);

  const app = express();
  app.use('/bridge', createExpressHandler(bridge));
  const bridgeServer = await listen(app);
  const bridgeUrl = `http://127.0.0.1:${bridgeServer.address().port}/bridge/sms`;
  const bridgeRun = await load(bridgeUrl, seconds, connections, (n) =>
    signedSms(bridgeUrl, {
      sid: `SM${String(n).padStart(32, '0')}`,
      from: MEMBER.phone,
      body: `load ${n}`,
    }),
  );

  // The floor: read the body, make the same single upstream call, answer TwiML. No signature,
  // dedupe, parsing or store: the cost of the HTTP work alone.
  const token = jwt.sign({ server: true }, KEYS.apiSecret, { algorithm: 'HS256' });
  const upstream = `${emulators.stream.url}/channels/${CHANNEL.type}/${CHANNEL.id}/message?api_key=${KEYS.apiKey}`;
  let floorN = 0;
  const floorServer = await listen(
    createServer(async (req, res) => {
      for await (const _ of req);
      floorN += 1;
      let ok = false;
      try {
        const response = await fetch(upstream, {
          method: 'POST',
          headers: {
            authorization: token,
            'stream-auth-type': 'jwt',
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            message: { id: `floor-${floorN}`, text: 'floor', user_id: MEMBER.id },
          }),
        });
        await response.arrayBuffer();
        ok = response.ok;
      } catch {
        // requests still in flight when the run ends meet a closed emulator
      }
      if (res.destroyed) return;
      res.writeHead(ok ? 200 : 502, { 'content-type': 'text/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    }),
  );
  const floorUrl = `http://127.0.0.1:${floorServer.address().port}/sms`;
  const floorRun = await load(floorUrl, seconds, connections, (n) =>
    signedSms(floorUrl, {
      sid: `SM${String(n).padStart(32, '1')}`,
      from: MEMBER.phone,
      body: `floor ${n}`,
    }),
  );

  const posted = emulators.stream
    .getMessages(`${CHANNEL.type}:${CHANNEL.id}`)
    .filter((m) => String(m.text).startsWith('load '));
  check(
    bridgeRun.non2xx === 0 && bridgeRun.errors === 0,
    `bridge: ${bridgeRun.non2xx} non-2xx, ${bridgeRun.errors} errors`,
  );
  check(
    floorRun.non2xx === 0 && floorRun.errors === 0,
    `floor: ${floorRun.non2xx} non-2xx, ${floorRun.errors} errors`,
  );
  // autocannon counts answers finished inside its window; up to one request per connection was
  // still in flight at the end, posted but not counted.
  check(
    posted.length >= bridgeRun['2xx'] && posted.length <= bridgeRun['2xx'] + connections,
    `posted ${posted.length} texts for ${bridgeRun['2xx']} answers`,
  );
  check(new Set(posted.map((m) => m.id)).size === posted.length, 'every text posted once');

  bridgeServer.close();
  bridgeServer.closeAllConnections();
  floorServer.close();
  floorServer.closeAllConnections();
  await emulators.close();
  await store.close();
  return {
    bridge_rps: Math.round(bridgeRun.requests.average),
    floor_rps: Math.round(floorRun.requests.average),
    ratio: +(bridgeRun.requests.average / floorRun.requests.average).toFixed(2),
    p99_ms: bridgeRun.latency.p99,
    connections,
    seconds,
  };
}
