import type { ContractCheck } from '../../../contract/run-contract.js';

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
