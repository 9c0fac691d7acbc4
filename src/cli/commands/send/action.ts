// Loaded only when `vws send` runs: it brings in undici through the sender.
import { setFlagsFromString } from 'node:v8';
import { createSender } from '../../../delivery/create-sender.js';
import type { DeliveryResult } from '../../../delivery/delivery-result.js';
import { toJunitXml } from '../../../delivery/report.js';
import type { SendRun } from '../../../delivery/sender-types.js';
import { DEFAULT_SUCCESS_RANGE } from '../../../delivery/success-range.js';
import { toRequestParts } from '../../../delivery/to-request.js';
import { VwsError } from '../../../errors.js';
import type { CliIo } from '../../shared/io.js';
import { createPayloadFactory } from '../../shared/payload-factory.js';
import { toRequestOptionsFrom } from '../../shared/signing-options.js';
import { createStyle } from '../../shared/style.js';
import { writeReport } from '../../shared/write-report.js';
import { type SendCliOptions, toSenderOptions, toSendManyOptions } from './options.js';
import { printSendResults, progressBar } from './print-send.js';
import { type ExpectedRejection, judgeSendResult, toExpectedRejection } from './send-verdict.js';

// Runs this short are dominated by start-up (docs/decisions/009-cli-start-up.md).
const SHORT_RUN = 10;

/** The results a run keeps: all of them when `keepAll`, and the first 20 failures; how many failed. */
interface KeptResults {
  readonly kept: DeliveryResult[];
  readonly failures: DeliveryResult[];
  readonly failed: number;
}

/** Reads a run to its end, judging each result, drawing a progress bar on a terminal's stderr. */
async function collectResults(
  io: CliIo,
  run: SendRun,
  total: number,
  keepAll: boolean,
  rejection: ExpectedRejection | null,
): Promise<KeptResults> {
  const style = createStyle(io, 'stderr');
  const showProgress = total > 1 && io.stderr.isTTY === true && io.env.NO_COLOR === undefined;
  const kept: DeliveryResult[] = [];
  const failures: DeliveryResult[] = [];
  let done = 0;
  let failed = 0;
  try {
    for await (const delivered of run) {
      done++;
      const result = judgeSendResult(delivered, rejection);
      if (keepAll) kept.push(result);
      if (!result.ok) failed++;
      if (!result.ok && failures.length < 20) failures.push(result);
      if (showProgress && (done % 25 === 0 || done === total))
        io.stderr.write(style.dim(progressBar(done, total)));
    }
  } finally {
    if (showProgress) io.stderr.write('\n');
  }
  return { kept, failures, failed };
}

/** Runs `vws send`: delivers, prints results and a summary, writes reports; throws to exit 1 on any failure. */
export async function runSend(io: CliIo, event: string, options: SendCliOptions): Promise<void> {
  const factory = await createPayloadFactory(io, event, options);
  const { entry } = factory;
  const requestOptions = toRequestOptionsFrom(io, entry, options);
  const rejection = toExpectedRejection(options);
  const manyOptions = toSendManyOptions(entry.name, options);
  // Build the first request now, so that bad input fails before anything is sent.
  toRequestParts({ name: entry.name, payload: factory.make(0)[0] }, requestOptions);
  const partsPerItem = options.parts ?? 1;
  const total = options.count * partsPerItem;
  if (total <= SHORT_RUN) {
    // A short run spends more time optimising undici's HTTP parser (WebAssembly) in the background,
    // and waiting for that at exit, than parsing: the baseline compiler alone halves a one-shot send.
    setFlagsFromString('--liftoff-only');
  }
  // A negative mode's sender judges by Vonage's rule, so results say what the receiver did; the
  // rejection is judged afterwards (send-verdict.ts).
  const senderOptions = rejection === null ? options : { ...options, expect: DEFAULT_SUCCESS_RANGE };
  const sender = createSender(toSenderOptions(senderOptions, requestOptions));
  function* items() {
    for (let index = 0; index < options.count; index++) {
      const payloads = factory.make(index);
      for (const payload of payloads) {
        yield () => toRequestParts({ name: entry.name, payload }, requestOptions);
      }
    }
  }
  const keepAll = options.json === true || options.junit !== undefined || total === 1;
  const run = sender.sendMany(items(), manyOptions);
  let results: KeptResults;
  try {
    results = await collectResults(io, run, total, keepAll, rejection);
  } finally {
    await sender.close();
  }
  const { kept, failures, failed } = results;
  // In a negative mode `failed` counts the forged webhooks not rejected; `outcomes` stay the receiver's.
  const summary = { ...(await run.summary()), failed };
  if (options.junit !== undefined) {
    await writeReport(options.junit, toJunitXml(kept, { suiteName: `vws send ${entry.name}` }));
  }
  printSendResults(io, {
    entry,
    seed: factory.seed,
    total,
    kept,
    failures,
    summary,
    requestOptions,
    rejection,
    json: options.json,
  });
  const iso = new Date(factory.refDate).toISOString();
  io.stderr.write(
    `vws: seed ${factory.seed} ref-date ${iso} (rerun with --seed ${factory.seed} --ref-date ${iso})\n`,
  );
  if (summary.failed > 0) {
    const first = failures[0];
    throw new VwsError(
      first?.code ?? 'VWS_ERR_DELIVERY_STATUS',
      `${summary.failed} of ${summary.total} ${rejection === null ? 'deliveries did not meet the expectation' : `${rejection.mode} webhooks were not rejected with ${rejection.range.text}`}${first?.error ? ` (first: ${first.error.message})` : ''}.`,
    );
  }
}
