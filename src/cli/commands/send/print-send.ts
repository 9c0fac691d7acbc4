// What `vws send` prints on stdout once the run is over (without --json, whose report is streamed):
// the one delivery, or the failures and a summary with latency.
import type { DeliveryResult } from '../../../delivery/delivery-result.js';
import type { SendSummary } from '../../../delivery/sender-types.js';
import type { ToRequestOptions } from '../../../delivery/to-request.js';
import type { CatalogEntry } from '../../../fixtures/catalog.js';
import { DEFAULT_SMS_SIGNATURE_METHOD, smsSignatureMethods } from '../../../signing/sms-signature-methods.js';
import type { CliIo } from '../../shared/io.js';
import { joinWords } from '../../shared/join-words.js';
import { createStyle } from '../../shared/style.js';
import type { ExpectedRejection } from './send-verdict.js';

/** A finished run, as {@link printSendResults} prints it. */
export interface SendOutput {
  readonly entry: CatalogEntry;
  readonly seed: number;
  /** Webhooks sent, every part counted. */
  readonly total: number;
  /** The one delivery of a single send; else none. */
  readonly kept: readonly DeliveryResult[];
  /** The first failures (at most 20). */
  readonly failures: readonly DeliveryResult[];
  readonly summary: SendSummary;
  readonly requestOptions: ToRequestOptions;
  /** The rejection a negative signing mode expects; `null` for a valid signature. */
  readonly rejection: ExpectedRejection | null;
  /** Stopped by Ctrl-C: the summary covers the webhooks sent so far. */
  readonly interrupted: boolean;
}

const ms = (value: number | null) => (value === null ? '-' : `${value.toFixed(1)} ms`);

function describeResult(result: DeliveryResult, rejection: ExpectedRejection | null): string {
  if (rejection !== null) {
    const where = `${result.request.method} ${result.request.url}`;
    return `${result.ok ? '' : `${result.code ?? result.outcome}: `}${where} ${result.error?.message ?? result.outcome}`;
  }
  if (result.ok)
    return `${result.status} ${result.request.method} ${result.request.url} in ${ms(result.durationMs)}`;
  return `${result.code ?? result.outcome}: ${result.error?.message ?? result.outcome}`;
}

/** The progress bar on stderr, redrawn in place. */
export function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

function summaryLines(summary: SendSummary, event: string, url: string, of: number | null): string[] {
  const outcomes = Object.entries(summary.outcomes)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join('  ');
  const { latency } = summary;
  return [
    `sent ${summary.total}${of === null ? '' : ` of ${of}`} ${event} webhooks to ${url} in ${(summary.elapsedMs / 1000).toFixed(2)} s (${summary.ratePerSecond.toFixed(0)}/s, ${summary.attempts} attempts)`,
    `  ${outcomes}`,
    `  latency p50 ${ms(latency.p50)}  p90 ${ms(latency.p90)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}`,
  ];
}

/** Prints the one delivery of a single send, with what to do when a signed webhook was refused. */
function printOne(io: CliIo, output: SendOutput): void {
  const { entry, kept, failures, summary } = output;
  const out = createStyle(io);
  const [result] = kept.length > 0 ? kept : failures;
  const line =
    result === undefined
      ? `accepted ${entry.name}`
      : `${describeResult(result, output.rejection)} (${entry.name})`;
  io.stdout.write(`${summary.failed === 0 ? out.ok(`✔ ${line}`) : out.bad(`✘ ${line}`)}\n`);
  if (result?.nccoIssues.length)
    for (const issue of result.nccoIssues) io.stdout.write(`  ncco ${issue.path}: ${issue.reason}\n`);
  if (result !== undefined) printRefusedNote(io, output, result);
}

/** For a validly meant webhook refused with 401 or 403: how it was signed, and how to sign it otherwise. */
function printRefusedNote(io: CliIo, output: SendOutput, result: DeliveryResult): void {
  const { entry, requestOptions } = output;
  if (output.rejection !== null || (result.status !== 401 && result.status !== 403)) return;
  if (entry.signing === 'none') return;
  if (requestOptions.signatureSecret === undefined) {
    io.stdout.write(
      '  note: the webhook went out unsigned, and an endpoint that verifies signatures rejects that: pass --signature-secret (or set VONAGE_SIGNATURE_SECRET).\n',
    );
  } else if (entry.signing === 'sms-signature') {
    const method = requestOptions.signatureMethod ?? DEFAULT_SMS_SIGNATURE_METHOD;
    const others = smsSignatureMethods.filter((other) => other !== method);
    io.stdout.write(
      `  note: the webhook was signed with the ${method} SMS signature method${requestOptions.signatureMethod === undefined ? ' (the default)' : ''}; if the account uses another (Dashboard → API settings), pass --signature-method ${joinWords(others, 'or')}, and check the signature secret.\n`,
    );
  }
}

/** Prints a finished (or interrupted) run on stdout: the one delivery, or failures and a summary. */
export function printSendResults(io: CliIo, output: SendOutput): void {
  const { entry, failures, summary } = output;
  if (output.total === 1 && !output.interrupted) {
    printOne(io, output);
    return;
  }
  const out = createStyle(io);
  for (const failure of failures)
    io.stdout.write(`${out.bad(`✘ #${failure.index} ${describeResult(failure, output.rejection)}`)}\n`);
  if (summary.failed > failures.length)
    io.stdout.write(`  … and ${summary.failed - failures.length} more failures\n`);
  io.stdout.write(
    `${summaryLines(summary, entry.name, output.requestOptions.url.toString(), output.interrupted ? output.total : null).join('\n')}\n`,
  );
  if (output.rejection !== null)
    io.stdout.write(
      `  ${summary.total - summary.failed} of ${summary.total} ${output.rejection.mode} webhooks rejected, as they should be (expected ${output.rejection.range.text})\n`,
    );
  const [first] = failures;
  if (first !== undefined) printRefusedNote(io, output, first);
}
