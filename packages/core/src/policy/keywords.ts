/** What an SMS keyword asks the bridge to do. */
export type KeywordAction = 'opt_out' | 'opt_in' | 'help';

/** Carrier keywords (CTIA; what Twilio acts on). The whole message decides, never a substring. */
const KEYWORDS: Record<string, KeywordAction> = {
  STOP: 'opt_out',
  STOPALL: 'opt_out',
  UNSUBSCRIBE: 'opt_out',
  CANCEL: 'opt_out',
  END: 'opt_out',
  QUIT: 'opt_out',
  REVOKE: 'opt_out',
  OPTOUT: 'opt_out',
  START: 'opt_in',
  YES: 'opt_in',
  UNSTOP: 'opt_in',
  HELP: 'help',
  INFO: 'help',
};

/**
 * The keyword action of a text: its whole body, trimmed and case-insensitive, must be the
 * keyword. "Stop" is one; "don't stop", "restart" and "christopher" are ordinary messages.
 */
export function classifyKeyword(body: string): KeywordAction | undefined {
  return KEYWORDS[body.trim().toUpperCase()];
}
