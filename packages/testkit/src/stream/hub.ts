import type { WebSocket } from 'ws';

/** One open websocket: whose it is and which channels it watches. */
export interface ClientConnection {
  connectionId: string;
  userId: string;
  socket: WebSocket;
  watching: Set<string>;
}

/**
 * The open websocket connections and what each watches. Events go to watchers of a channel
 * (sender included, as Stream echoes own messages) or to one user's connections.
 */
export class ConnectionHub {
  private readonly connections = new Map<string, ClientConnection>();

  add(connection: ClientConnection): void {
    this.connections.set(connection.connectionId, connection);
  }

  remove(connectionId: string): ClientConnection | undefined {
    const connection = this.connections.get(connectionId);
    this.connections.delete(connectionId);
    return connection;
  }

  get(connectionId: string | null | undefined): ClientConnection | undefined {
    return connectionId ? this.connections.get(connectionId) : undefined;
  }

  /** Connections that queried `cid` with `watch: true`. */
  watchersOf(cid: string): ClientConnection[] {
    return [...this.connections.values()].filter((connection) => connection.watching.has(cid));
  }

  /** Distinct user ids watching `cid`. */
  watcherIdsOf(cid: string): string[] {
    return [...new Set(this.watchersOf(cid).map((connection) => connection.userId))];
  }

  /** Sends `event` to every watcher of its channel. */
  broadcastToWatchers(cid: string, event: Record<string, unknown>): void {
    const frame = JSON.stringify(event);
    for (const connection of this.watchersOf(cid)) send(connection, frame);
  }

  /** Sends `event` to every connection of each user (events meant for them, not the channel). */
  sendToUsers(userIds: Iterable<string>, event: Record<string, unknown>): void {
    const targets = new Set(userIds);
    const frame = JSON.stringify(event);
    for (const connection of this.connections.values()) {
      if (targets.has(connection.userId)) send(connection, frame);
    }
  }

  /** Closes every connection (emulator shutdown). */
  closeAll(): void {
    for (const connection of this.connections.values()) connection.socket.terminate();
    this.connections.clear();
  }
}

function send(connection: ClientConnection, frame: string): void {
  if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(frame);
}
