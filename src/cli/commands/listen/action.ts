// Loaded only when `vws listen` runs: it brings in the listener and its schema validation (ajv).
import { createListener, type ReceivedWebhook } from '../../../listen/create-listener.js';
import type { CliIo } from '../../shared/io.js';
import { createStyle } from '../../shared/style.js';
import { type ListenCliOptions, toListenerOptions } from './options.js';

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

/** Runs `vws listen` until interrupted or `--max-requests`: prints each webhook it receives. */
export async function runListen(io: CliIo, options: ListenCliOptions): Promise<void> {
  const listenerOptions = toListenerOptions(io, options);
  const listener = await createListener({
    ...listenerOptions,
    onWebhook: (webhook) => {
      io.stdout.write(options.json ? `${JSON.stringify(webhook)}\n` : describe(webhook, io));
    },
  });
  io.stderr.write(
    `vws: listening on ${listener.url}${listenerOptions.signatureSecret !== undefined ? ' (verifying signatures)' : ' (no secret: signatures are reported, not verified)'}; Ctrl-C to stop\n`,
  );
  io.onInterrupt?.(() => void listener.close());
  await listener.closed;
}
