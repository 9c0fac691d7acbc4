// Runs the IVR: `node examples/ivr/server.js`. Configuration comes from the environment, as a
// deployed app's would: VONAGE_SIGNATURE_SECRET, AGENT_NUMBER (the phone that option 2 rings),
// VONAGE_FROM (the number the agent's leg comes from; default the number called), PUBLIC_URL,
// PORT (default 3000; 0 picks a free one), HOST (default 127.0.0.1).
//
// Offline against the simulator (see README.md):
//   vws serve --answer-url http://127.0.0.1:3000/ivr/answer --event-url http://127.0.0.1:3000/ivr/events \
//     --signature-secret "$VONAGE_SIGNATURE_SECRET" --time-scale 0
//   vws call --server http://127.0.0.1:4010 --press 1 --say "please call me back"
import { createIvrApp } from './app.js';

const env = process.env;
const app = createIvrApp({
  signatureSecret: env.VONAGE_SIGNATURE_SECRET ?? '',
  agentNumber: env.AGENT_NUMBER ?? '447700900100',
  ...(env.VONAGE_FROM ? { from: env.VONAGE_FROM } : {}),
  ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
});
const host = env.HOST ?? '127.0.0.1';
const server = app.listen(Number(env.PORT ?? 3000), host, (error) => {
  if (error) {
    console.error(`ivr example: ${error.message}`);
    process.exit(1);
  }
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`ivr example listening on http://${host}:${port}`);
});
process.once('SIGTERM', () => server.close());
process.once('SIGINT', () => server.close());
