import { createLambdaHandler } from '@smsbridge/adapter-lambda';
import { createChattyBridge } from './bridge.js';
import { loadConfig } from './config.js';
import { liveServices } from './services.js';

/**
 * Chatty's bridge on AWS Lambda (see ../template.yaml). Lambda runs live mode only: the
 * emulators belong to a long-running local process, and this entry imports nothing of them, so
 * its bundle carries none of their code. Routes are under /bridge, as on the server.
 */
const config = loadConfig();
if (config.mode !== 'live') {
  throw new Error(
    '[chatty] The Lambda handler runs in live mode: set the STREAM_* and TWILIO_* variables.',
  );
}
export const handler = createLambdaHandler(createChattyBridge(config, liveServices(config)), {
  basePath: '/bridge',
});
