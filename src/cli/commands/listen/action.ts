// Loaded only when `vws listen` runs: it brings in the listener and its schema validation (ajv).
import { createListener, type ReceivedWebhook } from '../../../listen/create-listener.js';
import { describeDrift } from '../../../listen/drift.js';
import type { CliIo } from '../../shared/io.js';
import { createStyle } from '../../shared/style.js';
import { type ListenCliOptions, toListenerOptions } from './options.js';

// What one webhook may print in the human view: a normal webhook is under 2 KB; --json prints all.
const MAX_PAYLOAD_CHARS = 4096;
const MAX_LINE_CHARS = 1024;

function cut(text: string, max: number, hint = ''): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length - max} more characters not shown${hint})`;
}

/** The payload as one JSON line, or the raw body when it is too deeply nested to stringify. */
function payloadText(webhook: ReceivedWebhook): string {
  try {
    return JSON.stringify(webhook.payload) ?? String(webhook.payload);
  } catch {
    return `(too deeply nested to print as JSON; the body:) ${webhook.body}`;
  }
}

/** The webhook as one JSON line; a payload too deeply nested to stringify is left out (the body has it). */
function toJsonLine(received: ReceivedWebhook): string {
  // The identification's typed event holds the payload again: once per line is enough.
  const { event: _event, ...identification } = received.identification;
  const webhook = { ...received, identification };
  try {
    return JSON.stringify(webhook);
  } catch (error) {
    return JSON.stringify({
      ...webhook,
      payload: null,
      payloadError: `too deeply nested to print as JSON (${error instanceof Error ? error.message : String(error)}); see body`,
    });
  }
}

function describe(webhook: ReceivedWebhook, io: CliIo): string {
  const style = createStyle(io);
  const { identification, signature } = webhook;
  // Identification says when it is unsure (issue 12).
  const { confidence, reason } = identification;
  const unsure = confidence === 'unsure' && identification.shape !== undefined;
  const name =
    identification.shape === undefined
      ? 'unknown payload'
      : `${identification.shape.key}${unsure ? ' (unsure)' : ''}`;
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
  // Not certain: the reason says why (the rival shape, the new value, the transport); it replaces "also matches".
  if (confidence !== 'certain' && !identification.errors.includes(reason))
    lines.push(`  ${confidence}: ${reason}`);
  if (signature.valid === false) lines.push(`  signature: ${signature.detail}`);
  if (webhook.forwarded !== undefined)
    lines.push(
      `  forwarded to ${webhook.forwarded.url}: ${webhook.forwarded.cause === undefined ? `the app answered ${webhook.forwarded.status}` : `answered ${webhook.forwarded.status} (${webhook.forwarded.cause})`} in ${webhook.forwarded.durationMs} ms`,
    );
  if (webhook.recordedTo !== undefined) lines.push(`  recorded to ${webhook.recordedTo}`);
  for (const error of identification.errors) lines.push(`  schema: ${error}`);
  const shown = lines.map((line) => cut(line, MAX_LINE_CHARS));
  shown.push(`  ${cut(payloadText(webhook), MAX_PAYLOAD_CHARS, '; --json prints all')}`);
  return `${shown.join('\n')}\n`;
}

/** Runs `vws listen` until interrupted or `--max-requests`: prints each webhook it receives. */
export async function runListen(io: CliIo, options: ListenCliOptions): Promise<void> {
  const listenerOptions = toListenerOptions(io, options);
  const learning = options.forwardTo !== undefined || options.record !== undefined;
  const listener = await createListener({
    ...listenerOptions,
    onWebhook: (webhook) => {
      io.stdout.write(options.json ? `${toJsonLine(webhook)}\n` : describe(webhook, io));
      // Drift lines belong to learning from real traffic (--forward-to, --record); --json always has it.
      if (!learning) return;
      const event = webhook.identification.shape?.key ?? 'unknown payload';
      for (const item of webhook.drift)
        io.stderr.write(`${cut(describeDrift(event, item), MAX_LINE_CHARS)}\n`);
    },
    onError: (problem) => {
      io.stderr.write(`vws listen: ${problem.message}\n`);
    },
  });
  const forwarding = listener.forwardTo === undefined ? '' : `; forwarding to ${listener.forwardTo}`;
  const recording =
    listener.recordDir === undefined ? '' : `; recording to ${listener.recordDir} (personal data replaced)`;
  io.stderr.write(
    `vws: listening on ${listener.url}${listenerOptions.signatureSecret !== undefined ? ' (verifying signatures)' : ' (no secret: signatures are reported, not verified)'}${forwarding}${recording}; Ctrl-C to stop\n`,
  );
  io.onInterrupt?.(() => void listener.close());
  await listener.closed;
}
