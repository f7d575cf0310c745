/**
 * `@smsbridge/testkit/conformance`: the suites every implementation of a smsbridge interface
 * runs unchanged. Kept apart from the package root so the emulators never load a test runner.
 *
 * @packageDocumentation
 * @module @smsbridge/testkit/conformance
 */
export {
  type BridgeMountEnvironment,
  type MountedBridge,
  type TestBridgeMountOptions,
  testBridgeMount,
} from './bridge-mount-suite.js';
export type { ProviderRequest, RunningSmsSide, SmsSide } from './sms-sides/sms-side.js';
export { type TelnyxMountEnvironment, telnyxSide } from './sms-sides/telnyx-side.js';
export { type TwilioMountEnvironment, twilioSide } from './sms-sides/twilio-side.js';
export { type TestStoreOptions, testStore } from './store-suite.js';
