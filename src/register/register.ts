// `node --import vonage-webhook-simulator/register app.js` (and `--require` for CommonJS apps, through
// register.cjs): routes every Vonage-host request of an unmodified app to VWS_FAKE_VONAGE_URL.
// Decisions 090–094.
import { exitCodes, isVwsError } from '../errors.js';
import { readFakeVonageUrl } from './route-target.js';
import { routeVonageTo } from './route-vonage-to.js';

try {
  routeVonageTo(readFakeVonageUrl(process.env).url);
} catch (error) {
  if (!isVwsError(error)) throw error;
  // A preload is the process's entry point like cli/main.ts: it fails fast with one line and no
  // stack, before the app runs and could reach the real Vonage (decision 092).
  process.stderr.write(`vonage-webhook-simulator/register: ${error.message}\n`);
  process.exit(exitCodes.usage);
}
