import type { BridgeConfig } from '../bridge-config.js';

/** What one `bridge.fetch` call carries besides the request. */
export interface CallContext {
  config: BridgeConfig;
  /** The peer address the adapter saw (for rate limits); never read from X-Forwarded-For here. */
  clientIp: string | undefined;
  /** Lets slow work continue after the answer (when the platform allows it). */
  waitUntil: ((work: Promise<unknown>) => void) | undefined;
  /** When (epoch ms) the bridge answers 503 if the route has not answered: retries stop before. */
  deadline: number;
}

/**
 * The public URL a webhook was sent to (what its provider signed): the configured base URL plus
 * the path and query string exactly as the provider called them (`/sms/` stays `/sms/`), or the
 * request's own URL.
 */
export function publicUrlFor(request: Request, calledPath: string, config: BridgeConfig): string {
  const { publicUrl } = config;
  if (!publicUrl) return request.url;
  const base = typeof publicUrl === 'function' ? publicUrl(request) : publicUrl;
  return `${base.replace(/\/$/, '')}${calledPath}${new URL(request.url).search}`;
}

/** Where Twilio should report delivery of the texts the bridge sends, if anywhere. */
export function statusCallbackUrl(config: BridgeConfig): string | undefined {
  if (typeof config.publicUrl === 'string')
    return `${config.publicUrl.replace(/\/$/, '')}/sms/status`;
  return config.statusCallbackUrl;
}
