import { StreamApiError } from './errors.js';

/**
 * Trouble the Stream emulator can be told to cause for matching API calls: Stream's own error
 * answer (a 429 rate limit, a 503), a slow answer, or none at all (a hung service).
 */
export interface StreamFault {
  /** Only calls with this method (`POST`, …); any method when omitted. */
  method?: string | undefined;
  /** Only calls whose path matches (e.g. `/\/message$/`); any path when omitted. */
  path?: RegExp | undefined;
  /** Only calls whose JSON body passes this test (e.g. a message posted by one user). */
  match?: ((body: Record<string, unknown>) => boolean) | undefined;
  /**
   * Answer with this HTTP status and Stream's error body. Omit it for a delay only. 429 carries
   * Stream's rate-limit code 9; any other status, code 4 unless `code` says otherwise.
   */
  status?: number | undefined;
  /** Stream's error code in the body. */
  code?: number | undefined;
  /** Wait this long before answering (or failing). */
  delayMs?: number | undefined;
  /** Never answer: the request hangs until the client gives up or the emulator closes. */
  hang?: boolean | undefined;
  /** How many matching calls it applies to; every one until removed when omitted. */
  times?: number | undefined;
}

/** A fault as it stands, with the calls it still applies to. */
interface ActiveFault {
  fault: StreamFault;
  remaining: number;
}

/** The faults in force, first match wins. */
export class StreamFaults {
  private readonly active: ActiveFault[] = [];

  /** Adds a fault; returns a function that removes it. */
  add(fault: StreamFault): () => void {
    const entry = { fault, remaining: fault.times ?? Number.POSITIVE_INFINITY };
    this.active.push(entry);
    return () => {
      const index = this.active.indexOf(entry);
      if (index >= 0) this.active.splice(index, 1);
    };
  }

  /** The fault this call meets (counting it), if any. */
  take(method: string, path: string, body: Record<string, unknown>): StreamFault | undefined {
    const entry = this.active.find(
      ({ fault, remaining }) =>
        remaining > 0 &&
        (!fault.method || fault.method === method) &&
        (!fault.path || fault.path.test(path)) &&
        (!fault.match || fault.match(body)),
    );
    if (!entry) return undefined;
    entry.remaining -= 1;
    return entry.fault;
  }
}

/** Stream's error for a fault that fails the call, as the real service words it. */
export function faultError(fault: StreamFault): StreamApiError | undefined {
  if (fault.status === undefined) return undefined;
  if (fault.status === 429) {
    return new StreamApiError(429, fault.code ?? 9, 'Too many requests, check response headers');
  }
  return new StreamApiError(fault.status, fault.code ?? 4, `Injected failure (${fault.status})`);
}
