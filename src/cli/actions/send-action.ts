// Loaded only when `vws send` runs: it brings in undici through the sender.
import { setFlagsFromString } from 'node:v8';
import { createSender } from '../../delivery/create-sender.js';
import type { DeliveryResult } from '../../delivery/delivery-result.js';
import { toJsonReport, toJunitXml } from '../../delivery/report.js';
import type { SendSummary } from '../../delivery/send-many.js';
import { toRequestParts } from '../../delivery/to-request.js';
import { VwsError } from '../../errors.js';
import type { SendCliOptions } from '../commands/send.js';
import type { CliIo } from '../io.js';
import { createPayloadFactory } from '../payload-options.js';
import { toRequestOptionsFrom } from '../signing-options.js';
import { createStyle } from '../style.js';
import { writeReport } from '../write-report.js';

// Runs this short are dominated by start-up (docs/decisions/009-cli-start-up.md).
const SHORT_RUN = 10;

const ms = (value: number | null) => (value === null ? '-' : `${value.toFixed(1)} ms`);

function describeResult(result: DeliveryResult): string {
  if (result.ok)
    return `${result.status} ${result.request.method} ${result.request.url} in ${ms(result.durationMs)}`;
  return `${result.code ?? result.outcome}: ${result.error?.message ?? result.outcome}`;
}

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

function summaryLines(summary: SendSummary, event: string, url: string): string[] {
  const outcomes = Object.entries(summary.outcomes)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join('  ');
  const { latency } = summary;
  return [
    `sent ${summary.total} ${event} webhooks to ${url} in ${(summary.elapsedMs / 1000).toFixed(2)} s (${summary.ratePerSecond.toFixed(0)}/s, ${summary.attempts} attempts)`,
    `  ${outcomes}`,
    `  latency p50 ${ms(latency.p50)}  p90 ${ms(latency.p90)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}`,
  ];
}

/** Runs `vws send`: delivers, prints results and a summary, writes reports; throws to exit 1 on any failure. */
export async function runSend(io: CliIo, event: string, options: SendCliOptions): Promise<void> {
  const factory = await createPayloadFactory(io, event, options);
  const { entry } = factory;
  const requestOptions = toRequestOptionsFrom(io, entry, options);
  if (options.fallbackUrl !== undefined) {
    try {
      new URL(options.fallbackUrl);
    } catch {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `Invalid --fallback-url "${options.fallbackUrl}": use an absolute http(s) URL.`,
      );
    }
  }
  // Build the first request now, so that bad input fails before anything is sent.
  toRequestParts({ name: entry.name, payload: factory.make(0)[0] }, requestOptions);
  const partsPerItem = options.parts ?? 1;
  const total = options.count * partsPerItem;
  if (total <= SHORT_RUN) {
    // A short run spends more time optimising undici's HTTP parser (WebAssembly) in the background,
    // and waiting for that at exit, than parsing: the baseline compiler alone halves a one-shot send.
    setFlagsFromString('--liftoff-only');
  }
  const sender = createSender({
    successStatus: options.expect,
    ...(requestOptions.signatureSecret === undefined
      ? {}
      : { signatureSecret: requestOptions.signatureSecret }),
    ...(requestOptions.apiKey === undefined ? {} : { apiKey: requestOptions.apiKey }),
    ...(requestOptions.applicationId === undefined ? {} : { applicationId: requestOptions.applicationId }),
  });
  function* items() {
    for (let index = 0; index < options.count; index++) {
      const payloads = factory.make(index);
      for (const payload of payloads) {
        yield () => toRequestParts({ name: entry.name, payload }, requestOptions);
      }
    }
  }
  const style = createStyle(io, 'stderr');
  const showProgress = total > 1 && io.stderr.isTTY === true && io.env.NO_COLOR === undefined;
  const keepAll = options.json === true || options.junit !== undefined || total === 1;
  const kept: DeliveryResult[] = [];
  const failures: DeliveryResult[] = [];
  let done = 0;
  const run = sender.sendMany(items(), {
    event: entry.name,
    concurrency: options.concurrency,
    retries: options.retries,
    ...(options.rate === undefined ? {} : { ratePerSecond: options.rate }),
    ...(options.timeout === undefined ? {} : { timeout: { responseMs: options.timeout } }),
    ...(options.fallbackUrl === undefined ? {} : { fallbackUrl: options.fallbackUrl }),
  });
  try {
    for await (const result of run) {
      done++;
      if (keepAll) kept.push(result);
      if (!result.ok && failures.length < 20) failures.push(result);
      if (showProgress && (done % 25 === 0 || done === total))
        io.stderr.write(style.dim(progressBar(done, total)));
    }
  } finally {
    if (showProgress) io.stderr.write('\n');
    await sender.close();
  }
  const summary = await run.summary();
  if (options.junit !== undefined) {
    await writeReport(options.junit, toJunitXml(kept, { suiteName: `vws send ${entry.name}` }));
  }
  const out = createStyle(io);
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ seed: factory.seed, event: entry.name, ...toJsonReport(kept, summary) }, null, 2)}\n`,
    );
  } else if (total === 1) {
    const [result] = kept.length > 0 ? kept : failures;
    const line =
      result === undefined ? `accepted ${entry.name}` : `${describeResult(result)} (${entry.name})`;
    io.stdout.write(`${summary.failed === 0 ? out.ok(`✔ ${line}`) : out.bad(`✘ ${line}`)}\n`);
    if (result?.nccoIssues.length)
      for (const issue of result.nccoIssues) io.stdout.write(`  ncco ${issue.path}: ${issue.reason}\n`);
    const unsigned = requestOptions.signatureSecret === undefined && entry.signing !== 'none';
    if (unsigned && (result?.status === 401 || result?.status === 403)) {
      io.stdout.write(
        '  note: the webhook went out unsigned, and an endpoint that verifies signatures rejects that: pass --signature-secret (or set VONAGE_SIGNATURE_SECRET).\n',
      );
    }
  } else {
    for (const failure of failures)
      io.stdout.write(`${out.bad(`✘ #${failure.index} ${describeResult(failure)}`)}\n`);
    if (summary.failed > failures.length)
      io.stdout.write(`  … and ${summary.failed - failures.length} more failures\n`);
    io.stdout.write(`${summaryLines(summary, entry.name, requestOptions.url.toString()).join('\n')}\n`);
  }
  const iso = new Date(factory.refDate).toISOString();
  io.stderr.write(
    `vws: seed ${factory.seed} ref-date ${iso} (rerun with --seed ${factory.seed} --ref-date ${iso})\n`,
  );
  if (summary.failed > 0) {
    const first = failures[0];
    throw new VwsError(
      first?.code ?? 'VWS_ERR_DELIVERY_STATUS',
      `${summary.failed} of ${summary.total} deliveries did not meet the expectation${first?.error ? ` (first: ${first.error.message})` : ''}.`,
    );
  }
}
