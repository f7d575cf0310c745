// The floor, in its own process: a bare node:http server that reads the request, makes the same
// one upstream call the bridge makes for a member's text (a Stream message post, JSON, a server
// JWT, a keep-alive connection) and answers empty TwiML. No signature check, dedupe, parsing,
// store or SDK: what the HTTP work alone costs.
import { createHmac } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import { serveParent } from './child.mjs';
import { CHANNEL, KEYS, MEMBER } from './lib.mjs';

const base64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ server: true })}`;
const token = `${unsigned}.${createHmac('sha256', KEYS.apiSecret).update(unsigned).digest('base64url')}`;
const target = new URL(
  `${process.env.UPSTREAM_URL}/channels/${CHANNEL.type}/${CHANNEL.id}/message?api_key=${KEYS.apiKey}`,
);
const agent = new Agent({ keepAlive: true });
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

let posted = 0;
function post(id, done) {
  const payload = JSON.stringify({
    message: {
      id,
      text: 'floor',
      user_id: MEMBER.id,
      mentioned_users: [],
      smsbridge_source: 'sms',
    },
  });
  const upstream = request(
    target,
    {
      method: 'POST',
      agent,
      headers: {
        authorization: token,
        'stream-auth-type': 'jwt',
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
      },
    },
    (response) => {
      response.resume();
      response.on('end', () => done(response.statusCode >= 200 && response.statusCode < 300));
    },
  );
  upstream.on('error', () => done(false));
  upstream.end(payload);
}

let received = 0;
const server = createServer((req, res) => {
  received += 1;
  req.resume();
  req.on('end', () => {
    posted += 1;
    post(`floor-${posted}`, (ok) => {
      res.writeHead(ok ? 200 : 502, { 'content-type': 'text/xml' });
      res.end(TWIML);
    });
  });
});
server.listen(0, '127.0.0.1', () => {
  serveParent(
    { url: `http://127.0.0.1:${server.address().port}/sms` },
    { window: () => ({ cpu: process.cpuUsage(), received, logged: { warn: 0, error: 0 } }) },
  );
});
