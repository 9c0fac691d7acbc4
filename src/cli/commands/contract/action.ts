// Loaded only when `vws contract` runs: it brings in undici through the sender.
import { runContract } from '../../../contract/run-contract.js';
import { toReportEntry } from '../../../delivery/report.js';
import { VwsError } from '../../../errors.js';
import type { CliIo } from '../../shared/io.js';
import { createStyle } from '../../shared/style.js';
import { writeReport } from '../../shared/write-report.js';
import { toContractJunit } from './contract-junit.js';
import { type ContractCliOptions, toRunContractOptions } from './options.js';

/** Runs `vws contract`; throws to exit 1 when any check failed. */
export async function runContractCommand(io: CliIo, options: ContractCliOptions): Promise<void> {
  const runOptions = await toRunContractOptions(io, options);
  const style = createStyle(io);
  const live = !options.json;
  let endpoint = '';
  const run = await runContract({
    ...runOptions,
    onCheck: (check) => {
      if (!live) return;
      if (check.endpoint !== endpoint) {
        endpoint = check.endpoint;
        io.stdout.write(`\n${style.bold(endpoint)}\n`);
      }
      const mark = check.passed ? style.ok('✔') : style.bad('✘');
      const what = `${check.event.padEnd(38)} ${check.check.padEnd(24)}`;
      io.stdout.write(
        `  ${mark} ${what} ${check.passed ? style.dim(check.message) : style.bad(check.message)}\n`,
      );
    },
  });
  if (options.junit !== undefined) await writeReport(options.junit, toContractJunit(run.checks));
  if (options.json) {
    const checks = run.checks.map(({ result, ...check }) => ({
      ...check,
      delivery: result === null ? null : toReportEntry(result),
    }));
    io.stdout.write(
      `${JSON.stringify({ tool: 'vonage-webhook-simulator', seed: run.seed, passed: run.passed, failed: run.failed, checks }, null, 2)}\n`,
    );
  } else {
    const verdict =
      run.failed === 0
        ? style.ok(`contract holds: ${run.passed} checks passed`)
        : style.bad(`contract broken: ${run.failed} of ${run.checks.length} checks failed`);
    io.stdout.write(`\n${verdict}\n`);
  }
  io.stderr.write(`vws: contract seed ${run.seed} (rerun with --seed ${run.seed})\n`);
  if (run.failed > 0) {
    throw new VwsError(
      'VWS_ERR_DELIVERY_STATUS',
      `${run.failed} of ${run.checks.length} contract checks failed.`,
    );
  }
}
