#!/usr/bin/env node
import { CLI_USAGE, type EmulatorCliOptions, parseCliOptions } from './cli-options.js';
import { startStreamEmulator } from './stream/index.js';
import { startTwilioEmulator } from './twilio/index.js';

/** What the CLI prints with `--json`: everything a bridge or a test needs to connect. */
interface EmulatorEndpoints {
  stream: { url: string; apiKey: string; apiSecret: string; webhookUrl: string | null };
  twilio: {
    url: string;
    accountSid: string;
    authToken: string;
    phoneNumbers: string[];
    smsWebhookUrl: string | null;
    phoneSimulatorUrl: string;
  };
}

async function main(): Promise<void> {
  let options: EmulatorCliOptions;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`smsbridge-emulators: ${(error as Error).message}\n\n${CLI_USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(CLI_USAGE);
    return;
  }

  const stream = await startStreamEmulator({
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    host: options.host,
    port: options.streamPort,
    webhookUrl: options.streamWebhookUrl,
  });
  const twilio = await startTwilioEmulator({
    accountSid: options.accountSid,
    authToken: options.authToken,
    host: options.host,
    port: options.twilioPort,
    phoneNumbers: options.phoneNumbers,
    smsWebhookUrl: options.smsWebhookUrl,
  });

  const endpoints: EmulatorEndpoints = {
    stream: {
      url: stream.url,
      apiKey: options.apiKey,
      apiSecret: options.apiSecret,
      webhookUrl: options.streamWebhookUrl ?? null,
    },
    twilio: {
      url: twilio.url,
      accountSid: options.accountSid,
      authToken: options.authToken,
      phoneNumbers: options.phoneNumbers,
      smsWebhookUrl: options.smsWebhookUrl ?? null,
      phoneSimulatorUrl: `${twilio.url}/phone`,
    },
  };
  console.log(options.json ? JSON.stringify(endpoints) : banner(endpoints));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!options.json) console.log(`\n${signal}: stopping the emulators…`);
    await Promise.all([stream.close(), twilio.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function banner({ stream, twilio }: EmulatorEndpoints): string {
  const none = '(none: pass --sms-webhook-url to receive texts)';
  return `
smsbridge emulators are running (local only, no accounts needed).

  Stream Chat emulator   ${stream.url}
    API key / secret     ${stream.apiKey} / ${stream.apiSecret}
    use                  new StreamChat(key, secret, { baseURL: '${stream.url}' })
    webhook URL          ${stream.webhookUrl ?? '(none: pass --stream-webhook-url)'}

  Twilio emulator        ${twilio.url}
    account SID / token  ${twilio.accountSid} / ${twilio.authToken}
    phone numbers        ${twilio.phoneNumbers.join(', ')}
    use                  twilio(sid, token, { httpClient }) with an httpClient from @smsbridge/testkit
    SMS webhook URL      ${twilio.smsWebhookUrl ?? none}

  Phone simulator        ${twilio.phoneSimulatorUrl}

Press Ctrl+C to stop.`;
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    console.error(
      `smsbridge-emulators: ${(error as Error).message}. Another process uses that port: pick others with --stream-port / --twilio-port (0 = any free port).`,
    );
  } else {
    console.error('smsbridge-emulators failed to start:', error);
  }
  process.exit(1);
});
