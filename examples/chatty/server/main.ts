import { fileURLToPath } from 'node:url';
import { startChatty } from './app.js';
import { loadConfig } from './config.js';

const webRoot = fileURLToPath(new URL('../web', import.meta.url));

try {
  const config = loadConfig();
  const chatty = await startChatty(config, webRoot);
  const local = chatty.publicConfig.phoneSimulatorUrl;
  console.log(`
Chatty is running (${config.mode} mode${config.mode === 'local' ? ': emulated Stream and Twilio, no accounts' : ''}).

  Web chat          ${chatty.url}
${local ? `  Phone simulator   ${local}\n` : ''}  Texts go to       ${chatty.publicConfig.smsNumber}

Press Ctrl+C to stop.`);
  const stop = () => void chatty.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
