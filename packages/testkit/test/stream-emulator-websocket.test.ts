import { type Event, StreamChat } from 'stream-chat';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type StreamEmulator, startStreamEmulator } from '../src/stream/index.js';

const apiKey = 'ws-test-key';
const apiSecret = 'ws-test-secret';
const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;

/** Resolves with the first event of `type` the client receives. */
function nextEvent(
  client: StreamChat,
  type: string,
  match: (event: Event) => boolean = () => true,
) {
  return new Promise<Event>((resolve) => {
    const { unsubscribe } = client.on(type, (event) => {
      if (!match(event)) return;
      unsubscribe();
      resolve(event);
    });
  });
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('Stream emulator websocket, driven by a stream-chat Node client', () => {
  let stream: StreamEmulator;
  let server: StreamChat;
  const clients: StreamChat[] = [];

  beforeAll(async () => {
    stream = await startStreamEmulator({ apiKey, apiSecret });
    server = new StreamChat(apiKey, apiSecret, { baseURL: stream.url });
    await server.upsertUsers([
      { id: 'alice', name: 'Alice Anders' },
      { id: 'bob', name: 'Bob Builder' },
    ]);
    await server
      .channel('messaging', 'general', {
        name: 'General',
        created_by_id: 'alice',
        members: ['alice', 'bob'],
      })
      .create();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.disconnectUser()));
  });
  afterAll(() => stream.close());

  function client(): StreamChat {
    const created = new StreamChat(apiKey, { baseURL: stream.url, allowServerSideConnect: true });
    clients.push(created);
    return created;
  }

  it('connects, gets a health.check with me (mutes, channel_mutes) and goes online', async () => {
    const alice = client();
    const connected = await alice.connectUser(
      { id: 'alice', name: 'Alice Anders' },
      server.createToken('alice', inOneHour()),
    );
    expect(connected?.me).toMatchObject({
      id: 'alice',
      online: true,
      mutes: [],
      channel_mutes: [],
    });
    expect(connected?.connection_id).toMatch(/^[0-9a-f-]{36}$/);
    const { users } = await server.queryUsers({ id: 'alice' });
    expect(users[0]?.online).toBe(true);

    await alice.disconnectUser();
    await until(() => stream.getUser('alice')?.online === false);
  });

  it('delivers message.new to watchers, the sender included, and typing events', async () => {
    const alice = client();
    await alice.connectUser({ id: 'alice' }, server.createToken('alice', inOneHour()));
    const channel = alice.channel('messaging', 'general');
    const state = await channel.watch();
    expect(state.channel.name).toBe('General');
    expect(state.watcher_count).toBe(1);

    const fromBob = nextEvent(alice, 'message.new', (event) => event.user?.id === 'bob');
    await server
      .channel('messaging', 'general')
      .sendMessage({ text: 'hello from bob', user_id: 'bob' });
    const received = await fromBob;
    expect(received).toMatchObject({
      cid: 'messaging:general',
      message: { text: 'hello from bob' },
    });
    expect(channel.state.messages.map((message) => message.text)).toContain('hello from bob');

    const echo = nextEvent(alice, 'message.new', (event) => event.user?.id === 'alice');
    const sent = await channel.sendMessage({ text: 'my own message' });
    expect((await echo).message?.id).toBe(sent.message.id);

    const typing = nextEvent(alice, 'typing.start');
    await channel.keystroke();
    expect(await typing).toMatchObject({ type: 'typing.start', user: { id: 'alice' } });

    const read = nextEvent(alice, 'message.read');
    await channel.markRead();
    expect(await read).toMatchObject({ type: 'message.read', user: { id: 'alice' } });
  });

  it('sends channel events only to connections that watch the channel', async () => {
    const alice = client();
    const bob = client();
    await alice.connectUser({ id: 'alice' }, server.createToken('alice', inOneHour()));
    await bob.connectUser({ id: 'bob' }, server.createToken('bob', inOneHour()));
    await alice.channel('messaging', 'general').watch();

    const bobEvents: string[] = [];
    bob.on((event) => {
      if (event.type !== 'health.check') bobEvents.push(event.type);
    });
    const aliceGot = nextEvent(alice, 'message.new');
    await server
      .channel('messaging', 'general')
      .sendMessage({ text: 'who hears this?', user_id: 'alice' });
    await aliceGot;
    expect(bobEvents).not.toContain('message.new');
    await until(() => bobEvents.includes('notification.message_new'));
  });

  it('answers the client ping, an array of health checks, with a health.check', async () => {
    const alice = client();
    await alice.connectUser({ id: 'alice' }, server.createToken('alice', inOneHour()));
    const pong = nextEvent(alice, 'health.check');
    alice.wsConnection?.ws?.send(
      JSON.stringify([{ type: 'health.check', client_id: alice.clientID }]),
    );
    expect(await pong).toMatchObject({ type: 'health.check', cid: '*' });
  });

  /**
   * The SDK rejects connectUser with its error serialised into `message`; `isWSFailure: false`
   * is what stops it from reconnecting, so the refusal must arrive as a first frame.
   */
  async function refusal(connecting: Promise<unknown>) {
    const error = await connecting.then(
      () => expect.fail('connectUser should have been refused'),
      (rejected: Error) => rejected,
    );
    return JSON.parse(error.message) as { code: number; StatusCode: number; isWSFailure: boolean };
  }

  it('refuses bad tokens with an error frame that rejects connectUser without retrying', async () => {
    const forger = new StreamChat('some-key', 'some-other-secret');
    expect(
      await refusal(client().connectUser({ id: 'alice' }, forger.createToken('alice'))),
    ).toEqual(expect.objectContaining({ code: 43, StatusCode: 401, isWSFailure: false }));
    const expiredToken = server.createToken('alice', Math.floor(Date.now() / 1000) - 5);
    expect(await refusal(client().connectUser({ id: 'alice' }, expiredToken))).toEqual(
      expect.objectContaining({ code: 40, isWSFailure: false }),
    );
  });

  it('refuses a token for another user with a first frame and close 1000 (raw socket)', async () => {
    // The SDK refuses such a token itself before connecting, so a raw socket plays the forger.
    const query = new URLSearchParams({
      json: JSON.stringify({ user_id: 'alice', user_details: { id: 'alice' } }),
      api_key: apiKey,
      authorization: server.createToken('bob', inOneHour()),
      'stream-auth-type': 'jwt',
    });
    const socket = new WebSocket(`${stream.url.replace('http', 'ws')}/connect?${query}`);
    const firstFrame = new Promise<string>((resolve) =>
      socket.once('message', (data) => resolve(String(data))),
    );
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    expect(JSON.parse(await firstFrame)).toEqual({
      error: expect.objectContaining({ code: 17, StatusCode: 403 }),
    });
    expect(await closed).toBe(1000);
  });
});
