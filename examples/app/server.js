// Runs the example app: `node examples/app/server.js`. Configuration comes from the environment, as
// a deployed app's would: VONAGE_API_KEY, VONAGE_API_SECRET, VONAGE_APPLICATION_ID,
// VONAGE_PRIVATE_KEY (the PEM) or VONAGE_PRIVATE_KEY_PATH, VONAGE_SIGNATURE_SECRET, VONAGE_FROM,
// VONAGE_SMS_SIGNATURE_METHOD (when the account signs SMS webhooks), PORT (default 3000), HOST.
//
// Offline against the simulator, unmodified:
//   vws serve --webhook-base-url http://127.0.0.1:3000 --signature-secret "$VONAGE_SIGNATURE_SECRET"
//   VWS_FAKE_VONAGE_URL=http://127.0.0.1:4010 node --import vonage-webhook-simulator/register examples/app/server.js
import { readFileSync } from 'node:fs';
import { Vonage } from '@vonage/server-sdk';
import { createApp } from './app.js';

const env = process.env;
const privateKey = env.VONAGE_PRIVATE_KEY_PATH
  ? readFileSync(env.VONAGE_PRIVATE_KEY_PATH)
  : (env.VONAGE_PRIVATE_KEY ?? '');
const vonage = new Vonage({
  apiKey: env.VONAGE_API_KEY ?? '',
  apiSecret: env.VONAGE_API_SECRET ?? '',
  applicationId: env.VONAGE_APPLICATION_ID ?? '',
  privateKey,
});
const app = createApp({
  vonage,
  signatureSecret: env.VONAGE_SIGNATURE_SECRET ?? '',
  from: env.VONAGE_FROM ?? '447700900000',
  ...(env.VONAGE_SMS_SIGNATURE_METHOD ? { smsSignatureMethod: env.VONAGE_SMS_SIGNATURE_METHOD } : {}),
  ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
});
const host = env.HOST ?? '127.0.0.1';
const server = app.listen(Number(env.PORT ?? 3000), host, (error) => {
  if (error) {
    console.error(`example app: ${error.message}`);
    process.exit(1);
  }
  console.log(`example app listening on http://${host}:${server.address().port}`);
});
process.once('SIGTERM', () => server.close());
process.once('SIGINT', () => server.close());
