import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { authenticate } from './auth.js';
import type { StreamContext } from './context.js';
import { StreamApiError } from './errors.js';
import { asRecord, asString } from './fields.js';
import { serializeUser } from './serialize.js';
import { now } from './state.js';

/**
 * Serves `GET /connect` upgrades the way Stream's edge does. A refused connection still upgrades
 * and gets one `{error}` frame then close 1000: an HTTP 401 on the upgrade would look like a
 * network failure to the SDK, which would then retry forever.
 */
export class StreamWebSocketServer {
  private readonly server = new WebSocketServer({ noServer: true });

  constructor(
    private readonly context: StreamContext,
    private readonly credentials: { apiKey: string; apiSecret: string },
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname !== '/connect') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, url.searchParams));
  }

  close(): void {
    this.context.hub.closeAll();
    this.server.close();
  }

  private accept(ws: WebSocket, query: URLSearchParams): void {
    let userId: string;
    let userDetails: Record<string, unknown>;
    try {
      ({ userId, userDetails } = this.authorize(query));
    } catch (error) {
      const refusal =
        error instanceof StreamApiError
          ? error
          : new StreamApiError(400, 4, `Connect failed with error: "${String(error)}"`);
      ws.send(JSON.stringify({ error: refusal.toBody() }));
      ws.close(1000, refusal.message.slice(0, 120));
      return;
    }
    const { state, hub } = this.context;
    const existing = state.users.get(userId);
    state.upsertUser(userId, { ...existing?.fields, ...userDetails }, existing?.role);
    const connectionId = randomUUID();
    hub.add({ connectionId, userId, socket: ws, watching: new Set() });
    const cameOnline = !state.isOnline(userId);
    state.trackConnection(userId, 1);
    ws.send(
      JSON.stringify({
        type: 'health.check',
        connection_id: connectionId,
        cid: '*',
        me: this.me(userId),
        created_at: now(),
      }),
    );
    if (cameOnline) this.announcePresence(userId);

    ws.on('message', (raw) => this.onFrame(connectionId, raw.toString()));
    ws.on('close', () => {
      hub.remove(connectionId);
      if (!state.trackConnection(userId, -1)) this.announcePresence(userId);
    });
  }

  private authorize(query: URLSearchParams) {
    const caller = authenticate(this.credentials, query.get('api_key'), query.get('authorization'));
    let payload: Record<string, unknown>;
    try {
      payload = asRecord(JSON.parse(query.get('json') ?? '{}'));
    } catch {
      throw new StreamApiError(400, 4, 'Connect failed with error: "json is not valid JSON"');
    }
    const userDetails = asRecord(payload.user_details);
    const userId = asString(payload.user_id) ?? asString(userDetails.id);
    if (!userId)
      throw new StreamApiError(400, 4, 'Connect failed with error: "user_id is required"');
    if (caller.kind === 'user' && caller.userId !== userId) {
      throw new StreamApiError(
        403,
        17,
        `Connect failed with error: "token is for user ${caller.userId}, not ${userId}"`,
      );
    }
    return { userId, userDetails };
  }

  /** The connecting user as the first frame's `me` (mutes and channel_mutes are required). */
  private me(userId: string): Record<string, unknown> {
    return {
      ...serializeUser(this.context.state, userId),
      online: true,
      mutes: [],
      channel_mutes: [],
      devices: [],
      unread_count: 0,
      total_unread_count: 0,
      unread_channels: 0,
      unread_threads: 0,
      invisible: false,
    };
  }

  /** The client pings with an array of health checks; each gets a health.check back. */
  private onFrame(connectionId: string, raw: string): void {
    const connection = this.context.hub.get(connectionId);
    if (!connection) return;
    let frames: unknown;
    try {
      frames = JSON.parse(raw);
    } catch {
      return;
    }
    for (const frame of Array.isArray(frames) ? frames : [frames]) {
      if (asRecord(frame).type !== 'health.check') continue;
      connection.socket.send(
        JSON.stringify({
          type: 'health.check',
          connection_id: connectionId,
          cid: '*',
          created_at: now(),
        }),
      );
    }
  }

  /** Tells watchers of the user's channels that their presence changed. */
  private announcePresence(userId: string): void {
    const { state, hub } = this.context;
    const event = {
      type: 'user.presence.changed',
      user: serializeUser(state, userId),
      created_at: now(),
    };
    for (const channel of state.channels.values()) {
      if (channel.members.has(userId)) hub.broadcastToWatchers(channel.cid, event);
    }
  }
}
