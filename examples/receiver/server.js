// Starts the example receiver on 127.0.0.1: `node examples/receiver/server.js [--port 3000] [--mode correct]`.
// Prints "listening on <url>" once ready. The signature secret comes from VONAGE_SIGNATURE_SECRET.
// Bad arguments (an unknown mode, a port that is not 0-65535, an unknown option) get one line and exit 2.
import { parseArgs } from 'node:util';
import { createReceiver, receiverModes } from './app.js';

const usage = (message) => {
  console.error(`example receiver: ${message}`);
  process.exit(2);
};

let values;
try {
  ({ values } = parseArgs({
    options: { port: { type: 'string', default: '3000' }, mode: { type: 'string', default: 'correct' } },
  }));
} catch (error) {
  usage(
    `${error.message.replace(/\.?$/, '.')} Use: node examples/receiver/server.js [--port 3000] [--mode ${receiverModes.join('|')}]`,
  );
}
if (!receiverModes.includes(values.mode)) {
  usage(`unknown mode "${values.mode}". Use one of: ${receiverModes.join(', ')}.`);
}
if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) {
  usage(`--port "${values.port}" is not a port. Use 0 (any free port) to 65535, e.g. --port 3000.`);
}
const signatureSecret = process.env.VONAGE_SIGNATURE_SECRET;
if (!signatureSecret) {
  console.error('example receiver: set VONAGE_SIGNATURE_SECRET to the signature secret to verify with');
  process.exit(2);
}
const server = createReceiver({ signatureSecret, mode: values.mode });
server.on('error', (error) => {
  console.error(`example receiver: could not listen on 127.0.0.1:${values.port}: ${error.message}`);
  process.exit(1);
});
server.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port} (mode ${values.mode})`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
