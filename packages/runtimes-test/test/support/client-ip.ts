import { expect } from 'vitest';
import type { MountReport } from '../../servers/test-bridge.ts';

/**
 * The bridge warns at its first `/auth` when no client IP reached it; the contract's sign-up
 * went through `/auth`, so no such warning means the runtime's address got there.
 */
export function expectClientIpPassed(report: MountReport | undefined): void {
  expect(report, 'the mount reported nothing').toBeDefined();
  expect(report?.warnings.filter((warning) => /no client IP/.test(warning))).toEqual([]);
}
