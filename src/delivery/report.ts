import type { VwsErrorCode } from '../errors.js';
import type { NccoIssue } from '../ncco/index.js';
import type { DeliveryErrorCode } from './delivery-error-codes.js';
import type { DeliveryOutcome, DeliveryResult, DeliveryTiming } from './delivery-result.js';
import type { AttemptPhase } from './retry.js';
import type { SendSummary } from './sender-types.js';

/** One attempt as a report lists it. */
export interface ReportAttempt {
  readonly number: number;
  readonly phase: AttemptPhase;
  readonly url: string;
  readonly scheduledOffsetMs: number;
  readonly code: DeliveryErrorCode | null;
  readonly status: number | null;
  readonly timing: DeliveryTiming;
}

/** One delivery as a report lists it: plain JSON, no error objects. */
export interface ReportEntry {
  readonly index: number;
  readonly event: string | null;
  readonly method: string;
  readonly url: string;
  readonly ok: boolean;
  readonly outcome: DeliveryOutcome;
  readonly code: VwsErrorCode | null;
  readonly status: number | null;
  /** Why it failed; `null` when accepted. */
  readonly message: string | null;
  readonly durationMs: number;
  readonly attempts: readonly ReportAttempt[];
  readonly responseHeaders: Readonly<Record<string, string>> | null;
  readonly responseExcerpt: string | null;
  readonly nccoIssues: readonly NccoIssue[];
}

/** The JSON report of a run. */
export interface DeliveryReport {
  readonly tool: 'vonage-webhook-simulator';
  readonly summary: SendSummary | null;
  readonly deliveries: readonly ReportEntry[];
}

/**
 * The report entry of one result: what was sent where, how it ended, every attempt, and the bounded
 * response excerpt. Keep these instead of results to report on a long run in little memory.
 *
 * @example
 * ```ts
 * import { createSender, toReportEntry } from 'vonage-webhook-simulator';
 * const sender = createSender();
 * const request = { method: 'POST', url: 'http://127.0.0.1:3000/webhooks/status', headers: [], body: '{}' };
 * const entry = toReportEntry(await sender.deliver(request));
 * await sender.close();
 * ```
 */
export function toReportEntry(result: DeliveryResult): ReportEntry {
  return {
    index: result.index,
    event: result.request.event,
    method: result.request.method,
    url: result.request.url,
    ok: result.ok,
    outcome: result.outcome,
    code: result.code,
    status: result.status,
    message: result.error?.message ?? null,
    durationMs: result.durationMs,
    attempts: result.attempts.map((attempt) => ({
      number: attempt.number,
      phase: attempt.phase,
      url: attempt.url,
      scheduledOffsetMs: attempt.scheduledOffsetMs,
      code: attempt.code,
      status: attempt.status,
      timing: attempt.timing,
    })),
    responseHeaders: result.response?.headers ?? null,
    responseExcerpt: result.response?.bodyExcerpt ?? null,
    nccoIssues: result.nccoIssues,
  };
}

function isEntry(value: DeliveryResult | ReportEntry): value is ReportEntry {
  return 'method' in value;
}

function toEntries(results: Iterable<DeliveryResult | ReportEntry>): ReportEntry[] {
  const entries: ReportEntry[] = [];
  for (const result of results) entries.push(isEntry(result) ? result : toReportEntry(result));
  return entries;
}

/**
 * The JSON report of a run: the summary (when given) and one entry per delivery, for
 * `JSON.stringify` and CI artefacts.
 *
 * @example
 * ```ts
 * import { createSender, toJsonReport } from 'vonage-webhook-simulator';
 * const sender = createSender();
 * const request = { method: 'POST', url: 'http://127.0.0.1:3000/webhooks/status', headers: [], body: '{}' };
 * const run = sender.sendMany([request, request]);
 * const results = [];
 * for await (const result of run) results.push(result);
 * const json = JSON.stringify(toJsonReport(results, await run.summary()), null, 2);
 * await sender.close();
 * ```
 */
export function toJsonReport(
  results: Iterable<DeliveryResult | ReportEntry>,
  summary?: SendSummary,
): DeliveryReport {
  return { tool: 'vonage-webhook-simulator', summary: summary ?? null, deliveries: toEntries(results) };
}

// XML 1.0 allows tab, line feed, carriage return and U+0020 upward, surrogate pairs included, but
// not other control characters, lone surrogates, U+FFFE or U+FFFF: those become U+FFFD.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for an XML element or a double-quoted attribute. */
function escapeXml(text: string, attribute = false): string {
  const escaped = text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
  // Attribute-value normalisation would turn these into spaces; character references keep them.
  return attribute ? escaped.replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;') : escaped;
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function withoutQuery(url: string): string {
  const queryAt = url.indexOf('?');
  return queryAt < 0 ? url : url.slice(0, queryAt);
}

function details(entry: ReportEntry): string {
  const lines = [`${entry.method} ${entry.url}`];
  if (entry.status !== null) lines.push(`status: ${entry.status}`);
  for (const attempt of entry.attempts) {
    lines.push(
      `attempt ${attempt.number} (${attempt.phase}) ${attempt.url}: ${attempt.code ?? 'ok'}${attempt.status === null ? '' : ` ${attempt.status}`} in ${attempt.timing.totalMs.toFixed(1)} ms`,
    );
  }
  for (const issue of entry.nccoIssues) lines.push(`ncco ${issue.path}: ${issue.reason}`);
  if (entry.responseExcerpt !== null && entry.responseExcerpt !== '') {
    lines.push('response body:', entry.responseExcerpt);
  }
  return lines.join('\n');
}

/** Options of {@link toJunitXml}. */
export interface JunitOptions {
  /** The test suite name; default `vonage-webhook-simulator`. */
  readonly suiteName?: string;
  /** The suite's `timestamp` attribute; omitted when not given, so output stays reproducible. */
  readonly timestamp?: Date;
}

/** The counts of a JUnit suite, known once every delivery has been judged. */
export interface JunitCounts {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  /** The sum of the deliveries' durations, in milliseconds. */
  readonly durationMs: number;
}

/** Adds one entry to JUnit counts (for a report written entry by entry). */
export function addToJunitCounts(counts: JunitCounts, entry: ReportEntry): JunitCounts {
  const notSent = entry.outcome === 'not_sent';
  return {
    tests: counts.tests + 1,
    failures: counts.failures + (!entry.ok && !notSent ? 1 : 0),
    errors: counts.errors + (notSent ? 1 : 0),
    durationMs: counts.durationMs + entry.durationMs,
  };
}

/** JUnit counts of no delivery. */
export const emptyJunitCounts: JunitCounts = { tests: 0, failures: 0, errors: 0, durationMs: 0 };

/** The opening lines of a JUnit report, up to the first `<testcase>`; `properties` go in the suite. */
export function toJunitHeader(
  counts: JunitCounts,
  options: JunitOptions = {},
  properties: Readonly<Record<string, string>> = {},
): string {
  const name = escapeXml(options.suiteName ?? 'vonage-webhook-simulator', true);
  const time = seconds(counts.durationMs);
  const tags = `tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}"`;
  const timestamp =
    options.timestamp === undefined ? '' : ` timestamp="${options.timestamp.toISOString().slice(0, 19)}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${name}" ${tags} time="${time}">`,
    `  <testsuite name="${name}" ${tags} skipped="0" time="${time}"${timestamp}>`,
  ];
  const named = Object.entries(properties);
  if (named.length > 0) {
    lines.push('    <properties>');
    for (const [key, value] of named)
      lines.push(`      <property name="${escapeXml(key, true)}" value="${escapeXml(value, true)}"/>`);
    lines.push('    </properties>');
  }
  return `${lines.join('\n')}\n`;
}

/** The `<testcase>` of one delivery, with its line ending. */
export function toJunitTestCase(entry: ReportEntry): string {
  const classname = escapeXml(entry.event ?? 'webhook', true);
  const caseName = escapeXml(`#${entry.index} ${entry.method} ${withoutQuery(entry.url)}`.trim(), true);
  const open = `    <testcase classname="${classname}" name="${caseName}" time="${seconds(entry.durationMs)}"`;
  if (entry.ok) return `${open}/>\n`;
  const tag = entry.outcome === 'not_sent' ? 'error' : 'failure';
  const code = entry.code ?? 'VWS_ERR_USAGE';
  const message = escapeXml(`${code}: ${entry.message ?? entry.outcome}`, true);
  return `${open}>\n      <${tag} message="${message}" type="${code}">${escapeXml(details(entry))}</${tag}>\n    </testcase>\n`;
}

/** The closing lines of a JUnit report. */
export const junitFooter = '  </testsuite>\n</testsuites>\n';

/**
 * A JUnit XML report of a run, for CI test views: one `<testcase>` per delivery (class name = the
 * event, name = index, method and URL), a `<failure>` whose message starts with the error code for
 * a failed delivery, an `<error>` for an item that was not sent. All text is XML-escaped, and
 * characters XML cannot hold become U+FFFD.
 *
 * @example
 * ```ts
 * import { createSender, toJunitXml } from 'vonage-webhook-simulator';
 * const sender = createSender();
 * const request = { method: 'POST', url: 'http://127.0.0.1:3000/webhooks/status', headers: [], body: '{}' };
 * const xml = toJunitXml([await sender.deliver(request)], { suiteName: 'webhooks' });
 * await sender.close();
 * ```
 */
export function toJunitXml(
  results: Iterable<DeliveryResult | ReportEntry>,
  options: JunitOptions = {},
): string {
  const entries = toEntries(results);
  const counts = entries.reduce(addToJunitCounts, emptyJunitCounts);
  return `${toJunitHeader(counts, options)}${entries.map(toJunitTestCase).join('')}${junitFooter}`;
}
