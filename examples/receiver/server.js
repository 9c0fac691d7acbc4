// Starts the example receiver on 127.0.0.1: `node examples/receiver/server.js [--port 3000] [--mode correct]`.
// Prints "listening on <url>" once ready. The signature secret comes from VONAGE_SIGNATURE_SECRET.
import { parseArgs } from 'node:util';
import { createReceiver } from './app.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '3000' }, mode: { type: 'string', default: 'correct' } },
});
const signatureSecret = process.env.VONAGE_SIGNATURE_SECRET;
if (!signatureSecret) {
  console.error('example receiver: set VONAGE_SIGNATURE_SECRET to the signature secret to verify with');
  process.exit(2);
}
const server = createReceiver({ signatureSecret, mode: values.mode });
server.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port} (mode ${values.mode})`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
