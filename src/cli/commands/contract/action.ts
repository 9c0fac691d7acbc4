// Loaded only when `vws contract` runs: it brings in undici through the sender.
import { toContractSettings } from '../../../contract/contract-settings.js';
import { type ContractCheck, type ContractRun, runContract } from '../../../contract/run-contract.js';
import { toReportEntry } from '../../../delivery/report.js';
import { VwsError } from '../../../errors.js';
import { checkOutputPath } from '../../shared/check-output-path.js';
import type { CliIo } from '../../shared/io.js';
import { createStyle, type Style } from '../../shared/style.js';
import { writeReport } from '../../shared/write-report.js';
import { toContractJunit } from './contract-junit.js';
import { type ContractCliOptions, toRunContractOptions } from './options.js';

/**
 * The live lines of a run: a header per endpoint and a line per check. A first check refused before
 * anything answered is held back: when the run stops there (nothing listens), one line says so instead.
 */
function createLiveOutput(io: CliIo, style: Style, live: boolean) {
  let endpoint = '';
  let answered = false;
  let held: ContractCheck | undefined;
  const print = (check: ContractCheck): void => {
    if (check.endpoint !== endpoint) {
      endpoint = check.endpoint;
      io.stdout.write(`\n${style.bold(endpoint)}\n`);
    }
    const mark = check.passed ? style.ok('✔') : style.bad('✘');
    const what = `${check.event.padEnd(38)} ${check.check.padEnd(32)}`;
    io.stdout.write(
      `  ${mark} ${what} ${check.passed ? style.dim(check.message) : style.bad(check.message)}\n`,
    );
  };
  const flush = (): void => {
    if (held !== undefined) print(held);
    held = undefined;
  };
  return {
    onCheck: (check: ContractCheck): void => {
      if (!live) return;
      flush();
      if (!answered && check.result?.outcome === 'connection_refused') held = check;
      else print(check);
      if (check.result !== null) answered = true;
    },
    finish: (run: ContractRun): void => {
      if (live && run.nothingListening === undefined) flush();
    },
  };
}

/** The JSON report of a run on stdout. */
function writeJson(io: CliIo, run: ContractRun): void {
  const checks = run.checks.map(({ result, ...check }) => ({
    ...check,
    delivery: result === null ? null : toReportEntry(result),
  }));
  const { seed, passed, failed, interrupted, nothingListening } = run;
  const report = {
    tool: 'vonage-webhook-simulator',
    seed,
    passed,
    failed,
    ...(interrupted ? { interrupted } : {}),
    ...(nothingListening === undefined ? {} : { nothingListening }),
    checks,
  };
  io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

/** The verdict line of a run, or none when nothing listened (the error line says so). */
function verdictOf(run: ContractRun, style: Style): string | undefined {
  if (run.interrupted) {
    const text = `contract interrupted: ${run.passed} checks passed, ${run.failed} failed before Ctrl-C`;
    return run.failed === 0 ? text : style.bad(text);
  }
  if (run.nothingListening !== undefined) return undefined;
  return run.failed === 0
    ? style.ok(`contract holds: ${run.passed} checks passed`)
    : style.bad(`contract broken: ${run.failed} of ${run.checks.length} checks failed`);
}

/**
 * Runs `vws contract`; throws to exit 1 when any check failed or nothing listens, 130 on Ctrl-C. The
 * settings and the `--junit` path are checked before anything is sent; the reports are written
 * whichever way the run ends.
 */
export async function runContractCommand(io: CliIo, options: ContractCliOptions): Promise<void> {
  const runOptions = await toRunContractOptions(io, options);
  toContractSettings(runOptions.config, runOptions);
  if (options.junit !== undefined) await checkOutputPath(options.junit);
  const style = createStyle(io);
  const output = createLiveOutput(io, style, !options.json);
  const controller = new AbortController();
  io.onInterrupt?.(() => controller.abort());
  const run = await runContract({ ...runOptions, signal: controller.signal, onCheck: output.onCheck });
  output.finish(run);
  if (options.junit !== undefined) await writeReport(options.junit, toContractJunit(run.checks));
  const verdict = verdictOf(run, style);
  if (options.json) writeJson(io, run);
  else if (verdict !== undefined) io.stdout.write(`\n${verdict}\n`);
  io.stderr.write(`vws: contract seed ${run.seed} (rerun with --seed ${run.seed})\n`);
  if (run.interrupted) {
    throw new VwsError(
      'VWS_ERR_INTERRUPTED',
      `contract interrupted after ${run.checks.length} checks: the verdict and reports cover only those; rerun to check the rest.`,
    );
  }
  if (run.nothingListening !== undefined) {
    throw new VwsError(
      'VWS_ERR_DELIVERY_CONNECTION_REFUSED',
      `nothing is listening at ${run.nothingListening} (connection refused): start your app there, or pass --base-url`,
    );
  }
  if (run.failed > 0) {
    throw new VwsError(
      'VWS_ERR_DELIVERY_STATUS',
      `${run.failed} of ${run.checks.length} contract checks failed.`,
    );
  }
}
