import { type Command, Option } from 'commander';
import type { ReceivedWebhook } from '../../listen/create-listener.js';
import { smsSignatureMethods } from '../../signing/sms-signature-methods.js';
import type { CliIo } from '../io.js';
import { parsePort, parsePositiveInteger } from '../options.js';
import { createStyle } from '../style.js';

interface ListenOptions {
  readonly port: number;
  readonly host: string;
  readonly signatureSecret?: string;
  readonly signatureMethod?: (typeof smsSignatureMethods)[number];
  readonly json?: boolean;
  readonly maxRequests?: number;
}

function describe(webhook: ReceivedWebhook, io: CliIo): string {
  const style = createStyle(io);
  const { identification, signature } = webhook;
  const name = identification.shape?.key ?? 'unknown payload';
  const schema = identification.valid
    ? style.ok(identification.exact ? 'schema ok' : 'schema ok (extra fields)')
    : style.bad('schema FAILED');
  const sig =
    signature.valid === true
      ? style.ok(`signature ok (${signature.scheme})`)
      : signature.valid === false
        ? style.bad(`signature FAILED (${signature.scheme})`)
        : style.dim(signature.detail);
  const lines = [
    `${style.dim(webhook.receivedAt)} ${webhook.method} ${webhook.path}  ${style.bold(name)}  ${schema}  ${sig}`,
  ];
  if (signature.valid === false) lines.push(`  signature: ${signature.detail}`);
  for (const error of identification.errors) lines.push(`  schema: ${error}`);
  if (identification.alsoMatches.length > 0)
    lines.push(`  also matches: ${identification.alsoMatches.join(', ')}`);
  lines.push(`  ${JSON.stringify(webhook.payload)}`);
  return `${lines.join('\n')}\n`;
}

/** `vws listen`: a local receiver that prints, names, verifies and validates each webhook. */
export function registerListen(program: Command, io: CliIo): void {
  program
    .command('listen')
    .description(
      'Receive webhooks locally: print each one, name its event, verify its signature, validate it against the catalog',
    )
    .option('--port <port>', 'port to listen on', parsePort, 3000)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
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
    .addHelpText(
      'after',
      `
It always answers 200, with a minimal valid NCCO to answer and fallback requests.

Examples:
  $ vws listen --port 3000 --signature-secret "$VONAGE_SIGNATURE_SECRET"
  $ vws listen --json --max-requests 1 > webhook.json`,
    )
    .action(async (options: ListenOptions) => {
      const { createListener } = await import('../../listen/create-listener.js');
      const secret = options.signatureSecret ?? io.env.VONAGE_SIGNATURE_SECRET;
      const listener = await createListener({
        port: options.port,
        host: options.host,
        ...(secret === undefined || secret === '' ? {} : { signatureSecret: secret }),
        ...(options.signatureMethod === undefined ? {} : { signatureMethod: options.signatureMethod }),
        ...(options.maxRequests === undefined ? {} : { maxRequests: options.maxRequests }),
        now: io.now,
        onWebhook: (webhook) => {
          io.stdout.write(options.json ? `${JSON.stringify(webhook)}\n` : describe(webhook, io));
        },
      });
      io.stderr.write(
        `vws: listening on ${listener.url}${secret ? ' (verifying signatures)' : ' (no secret: signatures are reported, not verified)'}; Ctrl-C to stop\n`,
      );
      io.onInterrupt?.(() => void listener.close());
      await listener.closed;
    });
}
