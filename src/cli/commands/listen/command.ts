import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_BASE_URL } from '../../../fake-vonage/account/default-paths.js';
import { smsSignatureMethods } from '../../../signing/sms-signature-methods.js';
import type { CliIo } from '../../shared/io.js';
import { parsePort, parsePositiveInteger } from '../../shared/option-parsers.js';
import type { ListenCliOptions } from './options.js';

/** Commander parser for `--record <dir>`: a folder named (an empty value would record to the current folder). */
function parseRecordDir(value: string): string {
  if (value.trim() === '')
    throw new InvalidArgumentError('Name the folder to record to, e.g. --record ./webhooks.');
  return value;
}

// By default `vws listen` listens where `vws request` and `vws send` deliver without --url.
const defaultTarget = new URL(DEFAULT_BASE_URL);

/** `vws listen`: a local receiver that prints, names, verifies and validates each webhook. */
export function registerListen(program: Command, io: CliIo): void {
  program
    .command('listen')
    .description(
      'Receive webhooks locally: print each one, name its event, verify its signature, validate it against the catalog',
    )
    .option('--port <port>', 'port to listen on', parsePort, Number(defaultTarget.port))
    .option('--host <host>', 'interface to listen on', defaultTarget.hostname)
    .option(
      '--signature-secret <secret>',
      'verify signatures with this secret (default: $VONAGE_SIGNATURE_SECRET)',
    )
    .addOption(
      new Option(
        '--signature-method <method>',
        'SMS signature method (default: guessed from the signature)',
      ).choices(smsSignatureMethods),
    )
    .option('--json', 'print one JSON object per webhook on stdout')
    .option('--max-requests <n>', 'stop after this many webhooks', parsePositiveInteger)
    .option(
      '--max-body <bytes>',
      'largest body read, in bytes (default: 1048576, 1 MiB); past it the answer is 413',
      parsePositiveInteger,
    )
    .option(
      '--forward-to <url>',
      "forward each webhook to your app at this base URL (the request's path and query are appended) and answer with the app's answer",
    )
    .option(
      '--record <dir>',
      'write each webhook to this folder as one JSON file, personal data replaced (created if need be)',
      parseRecordDir,
    )
    .addHelpText(
      'after',
      `
It answers 200, with a minimal valid NCCO to answer and fallback requests; 413 to a body over
--max-body, read no further. A request it cannot take gets one line on stderr, and it goes on.
The payload it prints is cut past 4096 characters; --json prints all.

With --forward-to it sits between Vonage (through your tunnel) and your app: each webhook goes on
byte for byte, same method, body and headers but host and hop-by-hop ones (so signatures still
verify), to the base URL plus the request's path and query (--forward-to http://127.0.0.1:3000
sends /webhooks/inbound to http://127.0.0.1:3000/webhooks/inbound), and the app's answer (status,
headers, body: an NCCO too) goes back to Vonage. An app it cannot reach gets 502, one that does
not answer within 10 s 504, each with one line on stderr. It refuses to forward to its own
address, and answers 508 to a webhook that comes back to it through another listener (each
forwarded request carries an x-vws-listen-hop header with the listener's id). A user:password in
the URL is never shown, nor sent (the webhook's own Authorization header goes through untouched).
With --record each webhook is written to <dir>/<sequence>-<event>.json with phone numbers, names,
texts, media URLs and emails replaced (the same value by the same replacement in a session;
numbers from fiction ranges: 447700900xxx, longer ones 447700900 and more digits, 120155501xx)
and credentials and signatures (an SMS sig) redacted, to share in a bug report; ids (*_id) are
kept; the raw bytes are not recorded.
Anything the catalog does not know (an unknown field, a new enum value, another type or format)
is drift: one line each on stderr ("drift: <event>: unknown field $.x (string)"), in --json and
in the record.

Examples:
  $ vws listen --port 3000 --signature-secret "$VONAGE_SIGNATURE_SECRET"
  $ vws listen --json --max-requests 1 > webhook.json
  $ vws listen --port 4000 --forward-to http://127.0.0.1:3000 --record ./webhooks`,
    )
    .action(async (options: ListenCliOptions) => {
      const { runListen } = await import('./action.js');
      return runListen(io, options);
    });
}
