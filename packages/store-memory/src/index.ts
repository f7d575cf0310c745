/**
 * `@smsbridge/store-memory`: the embedded default `Store` for smsbridge (one process, in memory).
 *
 * @packageDocumentation
 */
export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from './memory-store.js';
