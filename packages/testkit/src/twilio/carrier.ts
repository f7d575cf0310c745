/** Keywords Twilio's network acts on: the whole body, trimmed, case-insensitive. */
const OPT_OUT = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
]);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);

/** Which of Twilio's keyword classes a text is, if any. */
export type KeywordType = 'STOP' | 'START' | 'HELP';

/** The keyword class of an inbound text (whole body, trimmed, case-insensitive), if any. */
export function classifyKeyword(body: string): KeywordType | undefined {
  const word = body.trim().toUpperCase();
  if (OPT_OUT.has(word)) return 'STOP';
  if (OPT_IN.has(word)) return 'START';
  if (HELP.has(word)) return 'HELP';
  return undefined;
}

/** Twilio's default auto-replies for the keyword classes (Default Opt-Out handling). */
export const DEFAULT_AUTO_REPLIES: Record<KeywordType, string> = {
  STOP: 'You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.',
  START:
    'You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.',
  HELP: 'Reply STOP to unsubscribe. Msg&Data Rates May Apply.',
};

/** A failure to inject into the next send, or into every send matching a rule. */
export interface InjectedFailure {
  /**
   * Twilio error code. Synchronous codes (20429, 21211, 21610, 21612, 21614, 20500, 20503, …)
   * fail `messages.create` with a `RestException`; 30001–30999 let it succeed and fail later,
   * in the status callbacks, as carriers report them. A bare HTTP status (500, 503) stands for
   * Twilio's 20500 / 20503 outage errors.
   */
  code: number;
  /** HTTP status for a synchronous failure, when not Twilio's usual one for `code`. */
  status?: number | undefined;
  /**
   * For asynchronous codes: `undelivered` (default; the carrier took it, then reported it lost:
   * `sent` then `undelivered`) or `failed` (Twilio could not send it at all: `failed` only).
   */
  outcome?: 'undelivered' | 'failed' | undefined;
}

/** A rule that fails every send to (and optionally from) a number. */
export interface FailureRule extends InjectedFailure {
  /** The recipient whose sends fail. */
  to: string;
  /** Only sends from this sender fail; any sender when omitted. */
  from?: string | undefined;
}

/** Whether a code is reported asynchronously, in status callbacks, as carriers do. */
export function isAsyncFailure(code: number): boolean {
  return code >= 30000 && code < 31000;
}

/**
 * What the carrier network remembers: opt-outs per (sender, phone), as Twilio keeps them, and
 * the failures tests asked for.
 */
export class CarrierState {
  private readonly optedOut = new Set<string>();
  private readonly nextFailures: InjectedFailure[] = [];
  /** Standing failure rules, in the order they were added (the first match wins). */
  readonly rules: FailureRule[] = [];

  /** Whether `phone` opted out of texts from `sender` (a number or a Messaging Service SID). */
  isOptedOut(sender: string, phone: string): boolean {
    return this.optedOut.has(`${sender}|${phone}`);
  }

  /** Records a STOP (`true`) or START (`false`) from `phone` for each of `senders`. */
  setOptedOut(senders: string[], phone: string, optedOut: boolean): void {
    for (const sender of senders) {
      if (optedOut) this.optedOut.add(`${sender}|${phone}`);
      else this.optedOut.delete(`${sender}|${phone}`);
    }
  }

  /** Queues a failure for the next send; several queue up in order. */
  failNext(failure: InjectedFailure): void {
    this.nextFailures.push(failure);
  }

  /** The failure this send meets: a queued one first, then the first matching rule. */
  takeFailure(to: string, from: string | null): InjectedFailure | undefined {
    const failure =
      this.nextFailures.shift() ??
      this.rules.find((rule) => rule.to === to && (!rule.from || rule.from === from));
    if (failure && failure.code >= 500 && failure.code < 600) {
      return { ...failure, code: 20000 + failure.code, status: failure.status ?? failure.code };
    }
    return failure;
  }
}
