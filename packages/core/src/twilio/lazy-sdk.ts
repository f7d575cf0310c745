import { createRequire } from 'node:module';

/** The slice of `twilio/lib/webhooks/webhooks` the transport uses. */
interface TwilioWebhooksModule {
  validateRequest(
    authToken: string,
    signature: string,
    url: string,
    params: Record<string, string | string[]>,
  ): boolean;
}

/** The slice of the `twilio` package the transport uses to send. */
export interface TwilioSdk {
  (
    accountSid: string,
    authToken: string,
    options?: { httpClient?: unknown },
  ): {
    messages: {
      create(params: Record<string, unknown>): Promise<{ sid: string }>;
    };
  };
  RequestClient: new (options?: {
    timeout?: number;
  }) => { request(options: { uri: string }): Promise<unknown> };
}

const require = createRequire(import.meta.url);

function load<T>(id: string): T {
  try {
    return require(id) as T;
  } catch (error) {
    throw new Error(
      '[smsbridge] [core/twilio] The Twilio transport needs the "twilio" package: npm install twilio',
      { cause: error },
    );
  }
}

let webhooks: TwilioWebhooksModule | undefined;
let sdk: TwilioSdk | undefined;

/**
 * Twilio's own webhook validator. Loaded on first use and alone (~4 ms), not the whole SDK
 * (~100–200 ms), because a Lambda cold start pays for every import on the `/sms` path.
 */
export function twilioWebhooks(): TwilioWebhooksModule {
  webhooks ??= load<TwilioWebhooksModule>('twilio/lib/webhooks/webhooks');
  return webhooks;
}

/** The full SDK, loaded the first time a text is sent. */
export function twilioSdk(): TwilioSdk {
  sdk ??= load<TwilioSdk>('twilio');
  return sdk;
}
