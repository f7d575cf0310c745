/** A webhook request as a provider would send it: body and headers, ready to POST or replay. */
export interface ProviderRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * One SMS provider's emulator as the mount contract drives it, so the contract runs unchanged over
 * any provider: Twilio's (the default), or a provider with JSON webhooks.
 */
export interface RunningSmsSide<Environment> {
  /** What the mount needs to point its SMS transport at the emulator. */
  environment: Environment;
  /** The number the bridge texts from and phones text to. */
  phoneNumber: string;
  /** Where the provider posts inbound texts. */
  setWebhookUrl(url: string): void;
  /** What the provider sent `phone`, oldest first: the bridge's texts and replies, never carrier auto-replies. */
  textsTo(phone: string): string[];
  /**
   * A phone texts `phoneNumber`: resolves once the bridge answered the provider's webhook, with
   * the answer's status (undefined: no answer).
   */
  phoneTexts(from: string, body: string): Promise<{ status: number | undefined }>;
  /** The signed inbound webhook the provider would send to `url` for this text. */
  signedInbound(
    url: string,
    text: { id: string; from: string; body: string },
  ): Promise<ProviderRequest>;
  /** `request` with its signature broken. */
  forged(request: ProviderRequest): ProviderRequest;
  /** A body of a content type this provider never posts (the bridge must answer 415). */
  foreignBody: ProviderRequest;
  /** The content type the bridge answers this provider's inbound webhooks with. */
  answerType: RegExp;
  close(): Promise<void>;
}

/** How to start a provider's emulator for one run of the mount contract. */
export interface SmsSide<Environment> {
  name: string;
  start(): Promise<RunningSmsSide<Environment>>;
}
