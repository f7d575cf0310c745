import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StreamEmulator, startStreamEmulator } from '../src/stream/index.js';

const apiKey = 'rest-test-key';
const apiSecret = 'rest-test-secret';

describe('Stream emulator REST, driven by the stream-chat server SDK', () => {
  let stream: StreamEmulator;
  let server: StreamChat;

  beforeAll(async () => {
    stream = await startStreamEmulator({ apiKey, apiSecret, onUnknownRequest: () => {} });
    server = new StreamChat(apiKey, apiSecret, { baseURL: stream.url });
  });
  afterAll(() => stream.close());

  it('upserts users, replacing fields not sent, and partially updates them', async () => {
    const created = await server.upsertUsers([{ id: 'alice', name: 'Alice Anders', team: 'red' }]);
    expect(created.users.alice).toMatchObject({ id: 'alice', name: 'Alice Anders', team: 'red' });
    expect(created.users.alice?.online).toBe(false);

    const replaced = await server.upsertUsers([{ id: 'alice', name: 'Alice A.' }]);
    expect(replaced.users.alice?.name).toBe('Alice A.');
    expect(replaced.users.alice).not.toHaveProperty('team');

    const patched = await server.partialUpdateUsers([
      { id: 'alice', set: { phone_linked: true, name: 'Alice Anders' }, unset: [] },
    ]);
    expect(patched.users.alice).toMatchObject({ name: 'Alice Anders', phone_linked: true });
    const unset = await server.partialUpdateUsers([{ id: 'alice', unset: ['phone_linked'] }]);
    expect(unset.users.alice).not.toHaveProperty('phone_linked');
  });

  it('queries users with filter conditions carried in the payload query parameter', async () => {
    await server.upsertUsers([
      { id: 'bob', name: 'Bob Builder' },
      { id: 'carol', name: 'Carol Cole' },
    ]);
    const { users } = await server.queryUsers({ id: { $in: ['bob', 'carol', 'nobody'] } });
    expect(users.map((user) => user.id).sort()).toEqual(['bob', 'carol']);
    const byName = await server.queryUsers({ name: { $autocomplete: 'build' } });
    expect(byName.users.map((user) => user.id)).toEqual(['bob']);
  });

  it('creates a channel with members, then watches it and sees its state', async () => {
    const channel = server.channel('messaging', 'general', {
      name: 'General',
      created_by_id: 'alice',
      members: ['alice', 'bob'],
    });
    const created = await channel.create();
    expect(created.channel).toMatchObject({
      id: 'general',
      type: 'messaging',
      cid: 'messaging:general',
      name: 'General',
      member_count: 2,
    });
    expect(created.channel.created_by?.id).toBe('alice');
    expect(created.channel.own_capabilities).toContain('send-reply');
    expect(created.channel.config).toMatchObject({ typing_events: true, read_events: true });
    expect(created.members.map((member) => member.user_id).sort()).toEqual(['alice', 'bob']);
    expect(created.messages).toEqual([]);

    const state = await server.channel('messaging', 'general').watch();
    expect(state.channel.name).toBe('General');
    expect(Array.isArray(state.read)).toBe(true);
  });

  it('adds, removes and updates through POST /channels/{type}/{id}', async () => {
    const channel = server.channel('messaging', 'general');
    const added = await channel.addMembers(['carol']);
    expect(added.members.map((member) => member.user_id).sort()).toEqual(['alice', 'bob', 'carol']);
    const removed = await channel.removeMembers(['carol']);
    expect(removed.members.map((member) => member.user_id).sort()).toEqual(['alice', 'bob']);
    const updated = await channel.update({ name: 'General chat', topic: 'sms' });
    expect(updated.channel).toMatchObject({ name: 'General chat', topic: 'sms' });
    await channel.update({ name: 'General' });
  });

  it('sends messages with expanded mentions and custom fields, idempotent on a given id', async () => {
    const channel = server.channel('messaging', 'general');
    const { message } = await channel.sendMessage({
      id: 'sms-SM0001',
      text: 'hi @Bob Builder',
      user_id: 'alice',
      mentioned_users: ['bob'],
      smsbridge_source: 'sms',
    });
    expect(message).toMatchObject({
      id: 'sms-SM0001',
      text: 'hi @Bob Builder',
      type: 'regular',
      cid: 'messaging:general',
      reply_count: 0,
      smsbridge_source: 'sms',
    });
    expect(message.user?.id).toBe('alice');
    expect(message.mentioned_users).toEqual([
      expect.objectContaining({ id: 'bob', online: false }),
    ]);
    expect(message.html).toBe('<p>hi @Bob Builder</p>\n');

    const again = channel.sendMessage({ id: 'sms-SM0001', text: 'hi again', user_id: 'alice' });
    await expect(again).rejects.toMatchObject({ code: 4, status: 400 });
    await expect(again).rejects.toThrow(/already exists/);
    expect(
      stream.getMessages('messaging:general').filter((m) => m.id === 'sms-SM0001'),
    ).toHaveLength(1);
  });

  it('keeps thread replies out of the channel and serves them from /messages/{id}/replies', async () => {
    const channel = server.channel('messaging', 'general');
    const { message: parent } = await channel.sendMessage({ text: 'thread root', user_id: 'bob' });
    const { message: reply } = await channel.sendMessage({
      text: 'a reply',
      user_id: 'alice',
      parent_id: parent.id,
    });
    expect(reply).toMatchObject({ parent_id: parent.id, type: 'reply' });
    const { messages } = await channel.getReplies(parent.id, { limit: 10 });
    expect(messages.map((m) => m.text)).toEqual(['a reply']);
    const state = await channel.query({ messages: { limit: 50 } });
    expect(state.messages.map((m) => m.text)).not.toContain('a reply');
    expect(state.messages.find((m) => m.id === parent.id)?.reply_count).toBe(1);
  });

  it('queries members, marks read and sends typing events server-side', async () => {
    const channel = server.channel('messaging', 'general');
    const { members } = await channel.queryMembers({ name: { $autocomplete: 'bob' } });
    expect(members.map((member) => member.user_id)).toEqual(['bob']);
    const read = await channel.markRead({ user_id: 'bob' });
    expect(read?.event).toMatchObject({ type: 'message.read', cid: 'messaging:general' });
    const typing = await channel.sendEvent({ type: 'typing.start', user_id: 'bob' });
    expect(typing.event).toMatchObject({ type: 'typing.start', user: { id: 'bob' } });
  });

  it('answers 404 code 16 for a channel that does not exist', async () => {
    const send = server
      .channel('messaging', 'nowhere')
      .sendMessage({ text: 'x', user_id: 'alice' });
    await expect(send).rejects.toMatchObject({ code: 16, status: 404 });
  });

  it('answers and logs endpoints it does not implement instead of failing', async () => {
    const before = stream.unknownRequests.length;
    const settings = await server.getAppSettings();
    expect(settings).toMatchObject({ duration: '0.00ms' });
    expect(stream.unknownRequests.slice(before)).toEqual([{ method: 'GET', path: '/app' }]);
  });

  it('answers malformed paths and oversized bodies with Stream errors, not crashes', async () => {
    const token = server.createToken('alice', Math.floor(Date.now() / 1000) + 60);
    const headers = { authorization: token, 'content-type': 'application/json' };
    const badEscape = await fetch(
      `${stream.url}/channels/messaging/%E0%A4%A/query?api_key=${apiKey}`,
      {
        method: 'POST',
        headers,
        body: '{}',
      },
    );
    expect(badEscape.status).toBe(200);
    expect(stream.unknownRequests.at(-1)?.path).toBe('/channels/messaging/%E0%A4%A/query');
    const huge = await fetch(`${stream.url}/channels/messaging/general/message?api_key=${apiKey}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ message: { text: 'x'.repeat(6 * 1024 * 1024) } }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: 4, StatusCode: 413 });
    const notJson = await fetch(`${stream.url}/users?api_key=${apiKey}`, {
      method: 'POST',
      headers,
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: 4 });
  });

  it('refuses port 3030, which the SDK rewrites for its websocket', async () => {
    await expect(startStreamEmulator({ apiKey, apiSecret, port: 3030 })).rejects.toThrow(/3030/);
  });
});

describe('Stream emulator auth', () => {
  let stream: StreamEmulator;
  let server: StreamChat;

  beforeAll(async () => {
    stream = await startStreamEmulator({ apiKey, apiSecret });
    server = new StreamChat(apiKey, apiSecret, { baseURL: stream.url });
    await server.upsertUsers([{ id: 'alice' }, { id: 'bob' }]);
    await server
      .channel('messaging', 'room', { created_by_id: 'alice', members: ['alice', 'bob'] })
      .create();
  });
  afterAll(() => stream.close());

  it('answers a wrong api key with 401 code 2', async () => {
    const wrong = new StreamChat('not-the-key', apiSecret, { baseURL: stream.url });
    await expect(wrong.upsertUsers([{ id: 'x' }])).rejects.toMatchObject({ code: 2, status: 401 });
  });

  it('answers a token signed with another secret with 401 code 43', async () => {
    const forger = new StreamChat(apiKey, 'some-other-secret', { baseURL: stream.url });
    await expect(forger.upsertUsers([{ id: 'x' }])).rejects.toMatchObject({
      code: 43,
      status: 401,
    });
  });

  it('answers an expired user token with 401 code 40', async () => {
    const expired = server.createToken('alice', Math.floor(Date.now() / 1000) - 60);
    const response = await fetch(
      `${stream.url}/channels/messaging/room/message?api_key=${apiKey}&user_id=alice`,
      {
        method: 'POST',
        headers: {
          authorization: expired,
          'stream-auth-type': 'jwt',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ message: { text: 'late' } }),
      },
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 40, StatusCode: 401 });
  });

  it('lets a user token act only as its own user (403 code 17)', async () => {
    const alice = new StreamChat(apiKey, { baseURL: stream.url });
    alice._setToken(
      { id: 'alice' },
      server.createToken('alice', Math.floor(Date.now() / 1000) + 600),
    );
    alice.userID = 'alice';
    const asBob = alice.channel('messaging', 'room').sendMessage({ text: 'spoof', user_id: 'bob' });
    await expect(asBob).rejects.toMatchObject({ code: 17, status: 403 });
    const own = await alice.channel('messaging', 'room').sendMessage({ text: 'mine' });
    expect(own.message.user?.id).toBe('alice');
    await expect(alice.upsertUsers([{ id: 'bob', name: 'hacked' }])).rejects.toMatchObject({
      code: 17,
    });
  });

  it('answers CORS preflights by echoing the requested headers', async () => {
    const requested =
      'authorization,content-type,stream-auth-type,x-client-request-id,x-stream-client';
    const response = await fetch(`${stream.url}/channels/messaging/room/query`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': requested,
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(response.headers.get('access-control-allow-headers')).toBe(requested);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/PATCH.*DELETE/);
    const error = await fetch(`${stream.url}/users?api_key=wrong`, {
      headers: { origin: 'http://127.0.0.1:5173' },
    });
    expect(error.status).toBe(401);
    expect(error.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
  });
});
