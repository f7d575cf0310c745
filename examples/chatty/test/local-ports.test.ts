import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  browserUnavailable,
  launchChromium,
} from '../../../packages/testkit/test/support/browser.js';
import { startChatty } from '../server/app.js';
import { loadConfig } from '../server/config.js';

const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));

/** The port of a `http://host:port/...` URL. */
function portOf(url: string | null): string {
  return new URL(url ?? '').port;
}

describe.skipIf(browserUnavailable())('Chatty local mode on fixed emulator ports', () => {
  it('starts the emulators on the configured ports and says which one is taken', async () => {
    // Two ports the system hands out as free, learned from a run on port 0, then released.
    const first = await startChatty(
      loadConfig({ PORT: '0', STREAM_EMULATOR_PORT: '0', TWILIO_EMULATOR_PORT: '0' }),
      webRoot,
    );
    const streamPort = portOf(first.publicConfig.streamBaseUrl);
    const twilioPort = portOf(first.publicConfig.phoneSimulatorUrl);
    await first.close();
    const env = { PORT: '0', STREAM_EMULATOR_PORT: streamPort, TWILIO_EMULATOR_PORT: twilioPort };
    const chatty = await startChatty(loadConfig(env), webRoot);
    const browser = await launchChromium();
    try {
      expect(chatty.publicConfig.streamBaseUrl).toBe(`http://127.0.0.1:${streamPort}`);
      expect(chatty.publicConfig.phoneSimulatorUrl).toBe(`http://127.0.0.1:${twilioPort}/phone`);
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${twilioPort}/phone`);
      await page.getByRole('heading', { name: 'Phone simulator' }).waitFor();

      // A second Chatty on the same ports fails, naming the variable to change.
      await expect(startChatty(loadConfig(env), webRoot)).rejects.toThrow(
        `[chatty] Port ${streamPort} is in use`,
      );
      await expect(
        startChatty(loadConfig({ ...env, STREAM_EMULATOR_PORT: '0' }), webRoot),
      ).rejects.toThrow(/Port \d+ is in use .* set TWILIO_EMULATOR_PORT to a free port/);
    } finally {
      await browser.close();
      await chatty.close();
    }
  });
});
