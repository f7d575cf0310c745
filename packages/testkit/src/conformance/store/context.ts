import type { Store } from '@smsbridge/core';

/** What each part of the store suite gets: the store under test and optional introspection. */
export interface StoreSuiteContext {
  /** The store under test (created once per suite run). */
  store(): Store;
  /** How many records the store holds, when its test said (see `TestStoreOptions.countRecords`). */
  countRecords: (() => Promise<number>) | undefined;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sequence = 0;
/** A fresh E.164 number per test, so tests never see each other's members or codes. */
export function phone(): string {
  sequence += 1;
  return `+1415555${String(1000 + (sequence % 9000)).padStart(4, '0')}`;
}

/** A unique string with a readable prefix. */
export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
