/**
 * What Twilio's debugger (Monitor → Alerts) records when a webhook goes wrong. The emulator
 * keeps the same list so tests can assert the bridge never made Twilio unhappy.
 */
export interface TwilioAlert {
  /**
   * 11200 HTTP retrieval failure (non-2xx or timeout), 11205 HTTP connection failure,
   * 12100 document parse failure (not TwiML), 12300 invalid Content-Type (e.g. JSON).
   */
  code: number;
  /** Twilio's short description of the code, plus what the emulator saw. */
  message: string;
  /** The webhook URL that was requested. */
  url: string;
  /** The message the webhook was about. */
  messageSid: string;
  /** When it happened. */
  date: Date;
}

const DESCRIPTIONS: Record<number, string> = {
  11200: 'HTTP retrieval failure',
  11205: 'HTTP connection failure',
  12100: 'Document parse failure',
  12300: 'Invalid Content-Type',
};

/** Builds an alert with Twilio's description of `code` and what was observed. */
export function alert(code: number, detail: string, url: string, messageSid: string): TwilioAlert {
  const description = DESCRIPTIONS[code] ?? `Error ${code}`;
  return { code, message: `${description}: ${detail}`, url, messageSid, date: new Date() };
}

/** The alert a webhook delivery that got no 2xx answer raises, if any. */
export function deliveryAlert(
  result: { status: number | undefined; error?: 'network' | 'timeout' },
  url: string,
  messageSid: string,
): TwilioAlert | undefined {
  if (result.status === undefined) {
    return result.error === 'timeout'
      ? alert(11200, 'the request timed out', url, messageSid)
      : alert(11205, 'could not connect', url, messageSid);
  }
  if (result.status < 200 || result.status >= 300) {
    return alert(11200, `the server answered ${result.status}`, url, messageSid);
  }
  return undefined;
}
