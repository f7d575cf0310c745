// The upstream in its own process: a bare node:http server answering the Stream and Twilio calls
// the bridge makes, with fixed, valid JSON (what the stream-chat and twilio SDKs accept), so it is
// never the bottleneck of what is measured. It counts what it was sent, for the correctness
// checks: every chat message posted once (by id), every text sent once (by recipient).
// UPSTREAM_LATENCY_MS delays each Twilio answer, like a real API's round trip.
import { createServer } from 'node:http';
import { serveParent } from './child.mjs';

const latencyMs = Number(process.env.UPSTREAM_LATENCY_MS ?? 0);
const created = '2025-01-01T00:00:00.000000Z';
const user = { id: 'bench-member', role: 'user', created_at: created, updated_at: created };
const channel = {
  id: 'bench',
  type: 'messaging',
  cid: 'messaging:bench',
  created_at: created,
  updated_at: created,
  created_by: { id: 'smsbridge', role: 'user' },
  frozen: false,
  disabled: false,
  member_count: 1,
  config: { name: 'messaging' },
};
const body = (value) => Buffer.from(JSON.stringify({ ...value, duration: '0.10ms' }));
const STREAM = {
  message: body({
    message: {
      id: 'fixed',
      text: 'fixed',
      type: 'regular',
      user,
      cid: 'messaging:bench',
      mentioned_users: [],
      attachments: [],
      latest_reactions: [],
      own_reactions: [],
      reaction_counts: {},
      reply_count: 0,
      created_at: created,
      updated_at: created,
    },
  }),
  queryUsers: body({ users: [] }),
  users: body({ users: { [user.id]: user } }),
  channel: body({
    channel,
    members: [],
    messages: [],
    pinned_messages: [],
    read: [],
    watcher_count: 0,
  }),
};
const TWILIO_PATH = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/;
const twilioMessage = (accountSid, sid, to) => {
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}`;
  return Buffer.from(
    JSON.stringify({
      account_sid: accountSid,
      api_version: '2010-04-01',
      body: 'fixed',
      date_created: 'Wed, 01 Jan 2025 00:00:00 +0000',
      date_sent: null,
      date_updated: 'Wed, 01 Jan 2025 00:00:00 +0000',
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: '+15005550006',
      messaging_service_sid: null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      status: 'queued',
      subresource_uris: { media: `${uri}/Media.json` },
      to,
      uri: `${uri}.json`,
    }),
  );
};

let posts = new Map();
let lastPost;
let texts = new Map();
let textCount = 0;
let sids = 0;

function answer(res, status, payload) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': payload.length });
  res.end(payload);
}

function handle(req, raw, res) {
  const path = req.url.split('?', 1)[0];
  const twilio = TWILIO_PATH.exec(path);
  if (twilio && req.method === 'POST') {
    const to = new URLSearchParams(raw).get('To') ?? '';
    texts.set(to, (texts.get(to) ?? 0) + 1);
    textCount += 1;
    sids += 1;
    const payload = twilioMessage(twilio[1], `SM${sids.toString(16).padStart(32, '0')}`, to);
    if (latencyMs > 0) setTimeout(() => answer(res, 201, payload), latencyMs);
    else answer(res, 201, payload);
    return;
  }
  if (req.method === 'POST' && path.endsWith('/message') && path.startsWith('/channels/')) {
    const { message } = JSON.parse(raw);
    posts.set(message.id, (posts.get(message.id) ?? 0) + 1);
    lastPost = message;
    answer(res, 201, STREAM.message);
    return;
  }
  if (path === '/users' && req.method === 'GET') return answer(res, 200, STREAM.queryUsers);
  if (path === '/users') return answer(res, 201, STREAM.users); // upsertUsers, partialUpdateUsers
  if (path.startsWith('/channels/')) return answer(res, 201, STREAM.channel); // create, addMembers
  answer(res, 404, body({ code: 4, message: `the bench upstream has no ${req.method} ${path}` }));
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
});
server.keepAliveTimeout = 60_000;
let connections = 0;
server.on('connection', () => {
  connections += 1;
});
server.listen(0, '127.0.0.1', () => {
  serveParent(
    { url: `http://127.0.0.1:${server.address().port}` },
    {
      /** What was posted and texted since the last reset. */
      counts() {
        const duplicates = [...posts].filter(([, count]) => count > 1).map(([id]) => id);
        return {
          posts: [...posts.values()].reduce((sum, count) => sum + count, 0),
          distinctPosts: posts.size,
          duplicates: duplicates.slice(0, 5),
          lastPost,
          texts: textCount,
          textsTo: Object.fromEntries(texts),
          connections,
        };
      },
      reset() {
        posts = new Map();
        lastPost = undefined;
        texts = new Map();
        textCount = 0;
        connections = 0;
      },
    },
  );
});
