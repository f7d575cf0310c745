import type { Db, MongoClient } from 'mongodb';

/** Where the store gets its database: a client the app has, a promise of one, or a URI. */
export interface MongoConnectionOptions {
  client?: MongoClient | Promise<MongoClient>;
  uri?: string;
  dbName?: string;
}

/** A lazily opened database; closes the client only if the store created it. */
export interface LazyDatabase {
  db(): Promise<Db>;
  close(): Promise<void>;
}

/**
 * Opens the database on first use. A URI gets a client whose server selection and connection
 * attempts give up after `timeoutMS`, so a database that is down fails a webhook fast (503, and
 * the provider retries) instead of hanging past Twilio's 15 s and Stream's 6 s, and whose
 * monitor notices a hung server as soon; the driver reconnects by itself when it is back.
 */
export function lazyDatabase(options: MongoConnectionOptions, timeoutMS: number): LazyDatabase {
  if (!options.client && !options.uri) {
    throw new Error('[smsbridge] [store-mongo] Missing option "uri" or "client".');
  }
  let opened: Promise<{ client: MongoClient; owned: boolean }> | undefined;
  let closed = false;
  const open = () => {
    opened ??= (async () => {
      if (options.client) return { client: await options.client, owned: false };
      const { MongoClient } = await import('mongodb');
      const client = new MongoClient(options.uri as string, {
        serverSelectionTimeoutMS: timeoutMS,
        connectTimeoutMS: timeoutMS,
      });
      return { client, owned: true };
    })();
    return opened;
  };
  return {
    async db() {
      if (closed) throw new Error('[smsbridge] [store-mongo] The store is closed.');
      const { client } = await open();
      return client.db(options.dbName);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!opened) return;
      const { client, owned } = await opened;
      if (owned) await client.close();
    },
  };
}
