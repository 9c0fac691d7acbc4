// Loaded only when `vws send` runs: it brings in undici through the sender.
import { setFlagsFromString } from 'node:v8';
import { createSender } from '../../../delivery/create-sender.js';
import type { DeliveryResult } from '../../../delivery/delivery-result.js';
import { toReportEntry } from '../../../delivery/report.js';
import {
  createSendStats,
  recordResult,
  type SendStats,
  toSendSummary,
} from '../../../delivery/send-many/send-stats.js';
import type { SendRun, SendSummary } from '../../../delivery/sender-types.js';
import { DEFAULT_SUCCESS_RANGE } from '../../../delivery/success-range.js';
import { toRequestParts } from '../../../delivery/to-request.js';
import { VwsError } from '../../../errors.js';
import { toFormsFlag } from '../../shared/forms-option.js';
import type { CliIo } from '../../shared/io.js';
import { createPayloadFactory } from '../../shared/payload-factory.js';
import { toRequestOptionsFrom } from '../../shared/signing-options.js';
import { createStyle } from '../../shared/style.js';
import { type SendCliOptions, toSenderOptions, toSendManyOptions } from './options.js';
import { printSendResults, progressBar } from './print-send.js';
import {
  type JsonReportStream,
  type JunitReportStream,
  openJunitReport,
  startJsonReport,
} from './report-streams.js';
import { type ExpectedRejection, judgeSendResult, toExpectedRejection } from './send-verdict.js';

// Runs this short are dominated by start-up (docs/decisions/009-cli-start-up.md).
const SHORT_RUN = 10;
/** After Ctrl-C, how long deliveries in flight may take to finish before they are left unreported. */
const INTERRUPT_GRACE_MS = 2000;

/** What Ctrl-C has done to a run: no new delivery starts; after the grace, those in flight are left. */
interface Interrupt {
  requested: boolean;
  abandoned: boolean;
  /** Wakes the reader waiting for the next result, once the grace is over. */
  wake: (() => void) | null;
  timer: ReturnType<typeof setTimeout> | null;
  /** Aborted on Ctrl-C: the run starts no delivery after it (sendMany reads its input ahead). */
  readonly stop: AbortController;
}

function listenForInterrupt(io: CliIo): Interrupt {
  const interrupt: Interrupt = {
    requested: false,
    abandoned: false,
    wake: null,
    timer: null,
    stop: new AbortController(),
  };
  io.onInterrupt?.(() => {
    if (interrupt.requested) return;
    interrupt.requested = true;
    interrupt.stop.abort();
    interrupt.timer = setTimeout(() => {
      interrupt.abandoned = true;
      interrupt.wake?.();
    }, INTERRUPT_GRACE_MS);
    interrupt.timer.unref?.();
  });
  return interrupt;
}

/** The reports written as results arrive; `null` when not asked for. */
interface Reports {
  readonly json: JsonReportStream | null;
  readonly junit: JunitReportStream | null;
}

/** What a run keeps: the one result of a single send, the first 20 failures, and counts. */
interface KeptResults {
  readonly kept: DeliveryResult[];
  readonly failures: DeliveryResult[];
  readonly failed: number;
  readonly stats: SendStats;
}

/** Reads a run to its end (or Ctrl-C), judging and reporting each result, with a progress bar on a terminal. */
async function collectResults(
  io: CliIo,
  run: SendRun,
  total: number,
  rejection: ExpectedRejection | null,
  reports: Reports,
  interrupt: Interrupt,
): Promise<KeptResults> {
  const style = createStyle(io, 'stderr');
  const showProgress = total > 1 && io.stderr.isTTY === true && io.env.NO_COLOR === undefined;
  const kept: DeliveryResult[] = [];
  const failures: DeliveryResult[] = [];
  const stats = createSendStats();
  const iterator = run[Symbol.asyncIterator]();
  let done = 0;
  let failed = 0;
  try {
    while (!interrupt.abandoned) {
      const abandoned = new Promise<null>((resolve) => {
        interrupt.wake = () => resolve(null);
      });
      const step = await Promise.race([iterator.next(), abandoned]);
      if (step === null || step.done === true) break;
      done++;
      const result = judgeSendResult(step.value, rejection);
      recordResult(stats, result);
      if (total === 1) kept.push(result);
      if (!result.ok) failed++;
      if (!result.ok && failures.length < 20) failures.push(result);
      if (reports.json !== null || reports.junit !== null) {
        const entry = toReportEntry(result);
        reports.json?.add(entry);
        await reports.junit?.add(entry);
      }
      if (showProgress && (done % 25 === 0 || done === total))
        io.stderr.write(style.dim(progressBar(done, total)));
    }
  } finally {
    if (showProgress) io.stderr.write('\n');
  }
  return { kept, failures, failed, stats };
}

/** Opens the reports: the JUnit file first, so an unwritable path fails before anything is sent. */
async function openReports(
  io: CliIo,
  seed: number,
  event: string,
  options: SendCliOptions,
): Promise<Reports> {
  const junit =
    options.junit === undefined ? null : await openJunitReport(options.junit, `vws send ${event}`);
  const json = options.json === true ? startJsonReport(io, seed, event) : null;
  return { json, junit };
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
  const reports = await openReports(io, factory.seed, entry.name, options);
  const sender = createSender(toSenderOptions(senderOptions, requestOptions));
  const interrupt = listenForInterrupt(io);
  function* items() {
    for (let index = 0; index < options.count; index++) {
      const payloads = factory.make(index);
      for (const payload of payloads) {
        // After Ctrl-C no new delivery starts.
        if (interrupt.requested) return;
        yield () => toRequestParts({ name: entry.name, payload }, requestOptions);
      }
    }
  }
  const startedAt = performance.now();
  const run = sender.sendMany(items(), { ...manyOptions, signal: interrupt.stop.signal });
  let results: KeptResults;
  try {
    results = await collectResults(io, run, total, rejection, reports, interrupt);
  } catch (error) {
    // The JSON on stdout stays one document, whatever ended the run.
    reports.json?.fail(error instanceof Error ? error.message : String(error));
    await reports.junit?.discard();
    throw error;
  } finally {
    if (interrupt.timer !== null) clearTimeout(interrupt.timer);
    // Deliveries left in flight after the grace are aborted; else those in flight finish.
    await sender.close(interrupt.abandoned ? { abort: true } : undefined);
  }
  const { kept, failures, failed } = results;
  const interrupted = interrupt.requested;
  // In a negative mode `failed` counts the forged webhooks not rejected; `outcomes` stay the receiver's.
  // An interrupted run counts what it reported (a delivery left in flight has no result).
  const counted: SendSummary = interrupted
    ? toSendSummary(results.stats, performance.now() - startedAt)
    : await run.summary();
  const summary = { ...counted, failed };
  reports.json?.finish(summary, interrupted);
  await reports.junit?.finish(interrupted);
  if (reports.json === null) {
    printSendResults(io, {
      entry,
      seed: factory.seed,
      total,
      kept,
      failures,
      summary,
      requestOptions,
      rejection,
      interrupted,
    });
  }
  const iso = new Date(factory.refDate).toISOString();
  io.stderr.write(
    `vws: seed ${factory.seed} ref-date ${iso} (rerun with --seed ${factory.seed} --ref-date ${iso}${toFormsFlag(factory.forms)})\n`,
  );
  if (interrupted) {
    const failedNote = summary.failed > 0 ? `, ${summary.failed} failed` : '';
    throw new VwsError(
      'VWS_ERR_INTERRUPTED',
      `interrupted after ${summary.total} of ${total} webhooks (Ctrl-C)${failedNote}; the report above covers those.`,
    );
  }
  if (summary.failed > 0) {
    const first = failures[0];
    throw new VwsError(
      first?.code ?? 'VWS_ERR_DELIVERY_STATUS',
      `${summary.failed} of ${summary.total} ${rejection === null ? 'deliveries did not meet the expectation' : `${rejection.mode} webhooks were not rejected with ${rejection.range.text}`}${first?.error ? ` (first: ${first.error.message})` : ''}.`,
    );
  }
}
