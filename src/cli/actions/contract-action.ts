// Loaded only when `vws contract` runs: it brings in undici through the sender.
import { parseContractConfig } from '../../contract/config.js';
import { type ContractCheck, runContract } from '../../contract/run-contract.js';
import { toReportEntry } from '../../delivery/report.js';
import { VwsError } from '../../errors.js';
import type { ContractCliOptions } from '../commands/contract.js';
import type { CliIo } from '../io.js';
import { createStyle } from '../style.js';
import { writeReport } from '../write-report.js';

function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** JUnit XML of a contract run: a test suite per endpoint, a test case per check. */
export function toContractJunit(checks: readonly ContractCheck[]): string {
  const byEndpoint = new Map<string, ContractCheck[]>();
  for (const check of checks)
    byEndpoint.set(check.endpoint, [...(byEndpoint.get(check.endpoint) ?? []), check]);
  const failures = checks.filter((check) => !check.passed).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="vws contract" tests="${checks.length}" failures="${failures}">`,
  ];
  for (const [endpoint, list] of byEndpoint) {
    const failed = list.filter((check) => !check.passed).length;
    lines.push(`  <testsuite name="${escapeXml(endpoint)}" tests="${list.length}" failures="${failed}">`);
    for (const check of list) {
      const time = ((check.result?.durationMs ?? 0) / 1000).toFixed(3);
      const open = `    <testcase classname="${escapeXml(`${endpoint}.${check.event}`)}" name="${escapeXml(check.check)}" time="${time}"`;
      if (check.passed) {
        lines.push(`${open}/>`);
      } else {
        const code = check.result?.code ?? 'VWS_ERR_DELIVERY_STATUS';
        lines.push(
          `${open}>`,
          `      <failure message="${escapeXml(check.message)}" type="${code}">${escapeXml(`expected ${check.expected}: ${check.message}`)}</failure>`,
          '    </testcase>',
        );
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

/** Runs `vws contract`; throws to exit 1 when any check failed. */
export async function runContractCommand(io: CliIo, options: ContractCliOptions): Promise<void> {
  let text: string;
  try {
    text = await io.readFile(options.config);
  } catch {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Cannot read the config ${options.config}: create it (see examples/receiver/vws.config.json) or pass --config <file>.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new VwsError(
      'VWS_ERR_INVALID_JSON',
      `Malformed JSON in ${options.config}: ${(error as Error).message}. Fix the file.`,
    );
  }
  const config = parseContractConfig(parsed, options.config);
  if (options.baseUrl !== undefined) {
    try {
      new URL(options.baseUrl);
    } catch {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `Invalid --base-url "${options.baseUrl}": use an absolute http(s) URL such as http://127.0.0.1:3000.`,
      );
    }
  }
  const secret = options.signatureSecret ?? io.env.VONAGE_SIGNATURE_SECRET ?? config.signatureSecret;
  const apiKey = options.apiKey ?? io.env.VONAGE_API_KEY ?? config.apiKey;
  const applicationId = options.applicationId ?? io.env.VONAGE_APPLICATION_ID ?? config.applicationId;
  const seed = options.seed ?? config.seed ?? io.randomSeed();
  const style = createStyle(io);
  const live = !options.json;
  let endpoint = '';
  const run = await runContract({
    config,
    seed,
    now: io.now,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(secret === undefined || secret === '' ? {} : { signatureSecret: secret }),
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(applicationId === undefined ? {} : { applicationId }),
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
