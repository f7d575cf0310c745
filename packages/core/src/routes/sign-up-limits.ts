import type { BridgeConfig } from '../bridge-config.js';
import type { ParsedPhone } from '../policy/phone.js';
import type { CallContext } from './context.js';
import { enforceRateLimit } from './rate-limit.js';

/** Configs whose adapters gave no client IP, already warned about (once per bridge is enough). */
const warnedWithoutIp = new WeakSet<BridgeConfig>();

/**
 * The limits on texting codes. Per client IP when the adapter knows it; per number (one code per
 * interval, a few an hour); per number range (country code + 3 digits: SMS pumping walks a
 * range); and for all numbers together. The last two hold with no client IP at all. The
 * per-number limits come first, so retries for one number, refused there, never spend the
 * budgets everyone shares; a refused hit writes nothing, and every counter expires within the
 * hour, so a flood cannot grow the store.
 */
export async function enforceSignUpLimits(context: CallContext, phone: ParsedPhone) {
  const { store, rateLimits, signUp, logger } = context.config;
  if (context.clientIp) {
    await enforceRateLimit(
      store,
      `auth-ip:${context.clientIp}`,
      rateLimits.perIpPerHour,
      3600,
      'sign-ups from this address',
    );
  } else if (!warnedWithoutIp.has(context.config)) {
    warnedWithoutIp.add(context.config);
    logger.warn(
      '[smsbridge] /auth got no client IP from the adapter, so sign-ups are not limited per address (the per-number, per-range and hourly limits still hold). Pass clientIp to bridge.fetch; behind a proxy, see the README on client IPs.',
    );
  }
  await enforceRateLimit(
    store,
    `auth-phone-interval:${phone.e164}`,
    1,
    rateLimits.perPhoneIntervalSeconds,
    'codes for this number',
  );
  await enforceRateLimit(
    store,
    `auth-phone-hour:${phone.e164}`,
    rateLimits.perPhonePerHour,
    3600,
    'codes for this number',
  );
  await enforceRateLimit(
    store,
    `auth-prefix-hour:${phone.prefix}`,
    signUp.maxCodesPerPrefixPerHour,
    3600,
    'codes for numbers like this one',
  );
  await enforceRateLimit(store, 'auth-all-hour', signUp.maxCodesPerHour, 3600, 'sign-ups');
}
