/**
 * `@smsbridge/store-memory`: the embedded default `Store` for smsbridge (one process, in memory).
 *
 * @packageDocumentation
 * @module @smsbridge/store-memory
 */
export {
  createMemoryStore,
  DEFAULT_MAX_EXPIRING_RECORDS,
  type MemoryStore,
  type MemoryStoreOptions,
} from './memory-store.js';
