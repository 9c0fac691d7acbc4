// Loaded only when `vws call` runs: it brings in the fake (standalone) or talks to a `vws serve`.
import { isVwsError, VwsError } from '../../../errors.js';
import { parseEndUserScript } from '../../../fake-vonage/engine/end-user-script.js';
import { type CallReport, toCallReport, toCallSummary } from '../../../serve/call-report.js';
import type { CliIo } from '../../shared/io.js';
import { createStyle } from '../../shared/style.js';
import { callThroughServer } from './call-server.js';
import { judge, notEnded } from './judge-call.js';
import { type CallCliOptions, checkTarget, toStandaloneCall } from './options.js';

/** Prints a call's report: the transcript and its summary line, or the JSON. */
function print(io: CliIo, report: CallReport, json: boolean | undefined): void {
  if (json) {
    const { lifecycle, ok, failures, transcript } = report;
    io.stdout.write(`${JSON.stringify({ lifecycle, ok, failures, transcript }, null, 2)}\n`);
    return;
  }
  const style = createStyle(io);
  const summary = toCallSummary(report.transcript);
  io.stdout.write(
    `${report.text === '' ? '' : `${report.text}\n`}${report.ok ? style.ok(summary) : style.bad(summary)}\n`,
  );
}

/** Resolves `true` when the call has ended, `false` after `ms`. */
async function ended(done: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([done.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the call in an in-process fake Vonage that sends its webhooks to the app. */
async function callStandalone(io: CliIo, options: CallCliOptions, caller: readonly string[]): Promise<void> {
  const { createFakeVonage } = await import('../../../fake-vonage/create-fake-vonage.js');
  const { seed, timeScale, fakeOptions } = toStandaloneCall(io, options);
  const fake = createFakeVonage(fakeOptions);
  try {
    const lifecycle = fake.pushIncomingCall({
      caller,
      ...(options.from === undefined ? {} : { from: options.from }),
      ...(options.to === undefined ? {} : { to: options.to }),
    });
    const finished = await ended(
      timeScale === 0
        ? Promise.all([fake.runUntilIdle(), lifecycle.done]).then(() => undefined)
        : lifecycle.done,
      options.timeout,
    );
    // A param the call could not use (a --from that is not a number) fails the call as it starts.
    const { error } = lifecycle;
    if (error !== null) {
      const cause = isVwsError(error.cause) ? error.cause : error;
      throw new VwsError(isVwsError(cause) ? cause.code : 'VWS_ERR_INVALID_OPTION', cause.message);
    }
    const report = toCallReport(lifecycle.index, lifecycle.transcript);
    // A call cut off by --timeout still shows how far it got, unless the output is JSON.
    if (finished || !options.json) print(io, report, options.json);
    if (!finished) throw notEnded(options.timeout, '');
    judge(report, undefined);
  } finally {
    await fake.close();
    io.stderr.write(`vws: seed ${seed} (rerun with --seed ${seed})\n`);
  }
}

/** Runs `vws call`: checks the caller's steps and the flags, places the call, prints it and judges it. */
export async function runCall(io: CliIo, options: CallCliOptions, steps: readonly string[]): Promise<void> {
  // A step that cannot be read stops here, before any call starts (VWS_ERR_INVALID_OPTION, exit 2).
  parseEndUserScript(steps, 'caller');
  checkTarget(options);
  if (options.server !== undefined) {
    const server = options.server.replace(/\/+$/, '');
    const report = await callThroughServer(options, server, steps);
    print(io, report, options.json);
    judge(report, server);
    return;
  }
  return callStandalone(io, options, steps);
}
