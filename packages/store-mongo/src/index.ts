/**
 * `@smsbridge/store-mongo`: the MongoDB `Store` for smsbridge, for bridges running on several
 * instances over one database (Atlas or your own).
 *
 * @packageDocumentation
 * @module @smsbridge/store-mongo
 */
export { createMongoStore, type MongoStoreOptions } from './mongo-store.js';
