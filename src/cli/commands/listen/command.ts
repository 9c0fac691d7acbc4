import { type Command, Option } from 'commander';
import { DEFAULT_BASE_URL } from '../../../fake-vonage/account/default-paths.js';
import { smsSignatureMethods } from '../../../signing/sms-signature-methods.js';
import type { CliIo } from '../../shared/io.js';
import { parsePort, parsePositiveInteger } from '../../shared/option-parsers.js';
import type { ListenCliOptions } from './options.js';

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
    .addHelpText(
      'after',
      `
It answers 200, with a minimal valid NCCO to answer and fallback requests; 413 to a body over
--max-body, read no further. A request it cannot take gets one line on stderr, and it goes on.
The payload it prints is cut past 4096 characters; --json prints all.

Examples:
  $ vws listen --port 3000 --signature-secret "$VONAGE_SIGNATURE_SECRET"
  $ vws listen --json --max-requests 1 > webhook.json`,
    )
    .action(async (options: ListenCliOptions) => {
      const { runListen } = await import('./action.js');
      return runListen(io, options);
    });
}
