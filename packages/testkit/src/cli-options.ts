import { parseArgs } from 'node:util';

/** Everything `smsbridge-emulators` can be told, after defaults are applied. */
export interface EmulatorCliOptions {
  host: string;
  streamPort: number;
  twilioPort: number;
  apiKey: string;
  apiSecret: string;
  accountSid: string;
  authToken: string;
  phoneNumbers: string[];
  smsWebhookUrl: string | undefined;
  streamWebhookUrl: string | undefined;
  json: boolean;
  help: boolean;
}

/**
 * Local-only credentials. They are printed on start and only ever accepted by the emulators, so
 * they are not secrets; `AC…` keeps the twilio SDK's own account-SID check happy.
 */
export const CLI_DEFAULTS = {
  host: '127.0.0.1',
  streamPort: 4010,
  twilioPort: 4020,
  apiKey: 'local-stream-key',
  apiSecret: 'local-stream-secret',
  accountSid: `AC${'0'.repeat(31)}1`,
  authToken: 'local-twilio-token',
  phoneNumber: '+15005550006',
} as const;

export const CLI_USAGE = `Usage: smsbridge-emulators [options]

Starts local emulators of Stream Chat and Twilio Messaging and prints how to reach them.

Options (each also readable from the environment variable shown):
  --host <addr>              listen address                     [${CLI_DEFAULTS.host}]
  --stream-port <n>          Stream emulator port, 0 = any free  [${CLI_DEFAULTS.streamPort}] STREAM_EMULATOR_PORT
  --twilio-port <n>          Twilio emulator port, 0 = any free  [${CLI_DEFAULTS.twilioPort}] TWILIO_EMULATOR_PORT
  --api-key <key>            Stream API key                     [${CLI_DEFAULTS.apiKey}] STREAM_API_KEY
  --api-secret <secret>      Stream API secret                  [${CLI_DEFAULTS.apiSecret}] STREAM_API_SECRET
  --account-sid <AC…>        Twilio account SID                 [${CLI_DEFAULTS.accountSid}] TWILIO_ACCOUNT_SID
  --auth-token <token>       Twilio auth token                  [${CLI_DEFAULTS.authToken}] TWILIO_AUTH_TOKEN
  --phone-number <e164>      a number the Twilio account owns (repeatable) [${CLI_DEFAULTS.phoneNumber}]
  --sms-webhook-url <url>    where inbound texts are POSTed (Twilio's "A message comes in")
  --stream-webhook-url <url> where Stream webhooks are POSTed
  --json                     print one JSON line with the URLs and keys instead of the banner
  -h, --help                 show this help
`;

/** Parses argv (and the environment) into options; throws an Error with a readable message. */
export function parseCliOptions(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): EmulatorCliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string' },
      'stream-port': { type: 'string' },
      'twilio-port': { type: 'string' },
      'api-key': { type: 'string' },
      'api-secret': { type: 'string' },
      'account-sid': { type: 'string' },
      'auth-token': { type: 'string' },
      'phone-number': { type: 'string', multiple: true },
      'sms-webhook-url': { type: 'string' },
      'stream-webhook-url': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return {
    host: values.host ?? CLI_DEFAULTS.host,
    streamPort: parsePort(
      values['stream-port'] ?? env.STREAM_EMULATOR_PORT,
      CLI_DEFAULTS.streamPort,
      '--stream-port',
    ),
    twilioPort: parsePort(
      values['twilio-port'] ?? env.TWILIO_EMULATOR_PORT,
      CLI_DEFAULTS.twilioPort,
      '--twilio-port',
    ),
    apiKey: values['api-key'] ?? env.STREAM_API_KEY ?? CLI_DEFAULTS.apiKey,
    apiSecret: values['api-secret'] ?? env.STREAM_API_SECRET ?? CLI_DEFAULTS.apiSecret,
    accountSid: values['account-sid'] ?? env.TWILIO_ACCOUNT_SID ?? CLI_DEFAULTS.accountSid,
    authToken: values['auth-token'] ?? env.TWILIO_AUTH_TOKEN ?? CLI_DEFAULTS.authToken,
    phoneNumbers: values['phone-number'] ?? [CLI_DEFAULTS.phoneNumber],
    smsWebhookUrl: values['sms-webhook-url'],
    streamWebhookUrl: values['stream-webhook-url'],
    json: values.json ?? false,
    help: values.help ?? false,
  };
}

function parsePort(raw: string | undefined, fallback: number, flag: string): number {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${flag} must be a port number from 0 to 65535, got "${raw}".`);
  }
  return port;
}
