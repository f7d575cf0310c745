/** Opt-out keywords Telnyx acts on: the whole text, trimmed, in any case. */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
/** Opt-in keywords that lift an opt-out. */
const OPT_IN = new Set(['START', 'UNSTOP', 'YES']);

/** A failure to inject into a send. */
export interface TelnyxFailure {
  /** Telnyx error code, a numeric string (`"10011"`, `"40008"`). */
  code: string;
  /**
   * HTTP status of the failed send (429, 500, 503, 4xx). A status below 400 means the send is
   * accepted (200) and fails later: `message.finalized` reports `delivery_failed` with `code`.
   */
  status: number;
}

/** A failure met by every send to one number, until removed. */
export interface TelnyxFailureRule extends TelnyxFailure {
  /** The recipient whose sends fail. */
  to: string;
}

/** What an inbound text does to opt-out state, if anything. */
export function optOutKeyword(text: string): 'STOP' | 'START' | undefined {
  const word = text.trim().toUpperCase();
  if (OPT_OUT.has(word)) return 'STOP';
  if (OPT_IN.has(word)) return 'START';
  return undefined;
}

/** What the network remembers: opt-outs per (account number, phone) and injected failures. */
export class TelnyxCarrier {
  private readonly optedOut = new Set<string>();
  private readonly nextFailures: TelnyxFailure[] = [];
  private readonly rules: TelnyxFailureRule[] = [];

  /** Whether `phone` texted STOP to `number` (and not START since). */
  isOptedOut(number: string, phone: string): boolean {
    return this.optedOut.has(`${number}|${phone}`);
  }

  /** Applies an inbound text from `phone` to `number`: STOP opts out, START opts back in. */
  receive(number: string, phone: string, text: string): void {
    const keyword = optOutKeyword(text);
    if (keyword === 'STOP') this.optedOut.add(`${number}|${phone}`);
    if (keyword === 'START') this.optedOut.delete(`${number}|${phone}`);
  }

  /** Queues a failure for the next send; several queue up in order. */
  failNext(failure: TelnyxFailure): void {
    this.nextFailures.push({ ...failure });
  }

  /** Adds a standing rule (the first matching rule wins); returns its remover. */
  addRule(rule: TelnyxFailureRule): () => void {
    const own = { ...rule };
    this.rules.push(own);
    return () => {
      const index = this.rules.indexOf(own);
      if (index >= 0) this.rules.splice(index, 1);
    };
  }

  /** The failure a send to `to` meets: a queued one first, then the first matching rule. */
  takeFailure(to: string): TelnyxFailure | undefined {
    return this.nextFailures.shift() ?? this.rules.find((rule) => rule.to === to);
  }
}
