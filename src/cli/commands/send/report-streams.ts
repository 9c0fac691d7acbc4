// The reports of `vws send`, written entry by entry as results arrive, so memory stays flat at any
// count (issue 11): the JSON report on stdout, and the JUnit file through a part file beside it.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  addToJunitCounts,
  emptyJunitCounts,
  type JunitCounts,
  junitFooter,
  type ReportEntry,
  toJunitHeader,
  toJunitTestCase,
} from '../../../delivery/report.js';
import type { SendSummary } from '../../../delivery/sender-types.js';
import { checkOutputPath } from '../../shared/check-output-path.js';
import type { CliIo } from '../../shared/io.js';
import { cannotWriteReport } from '../../shared/write-report.js';

/** A JSON document written to stdout as it grows. */
export interface JsonReportStream {
  add(entry: ReportEntry): void;
  /** Closes the document with the summary and whether the run was interrupted. */
  finish(summary: SendSummary, interrupted: boolean): void;
  /** Closes the document after a failure that ended the run: the deliveries so far and the `error`. */
  fail(message: string): void;
}

const indent = (json: string, by: string) => json.replace(/\n/g, `\n${by}`);

/**
 * Starts the JSON report of `vws send` on stdout: `seed`, `event` and `tool` first, then each entry of
 * `deliveries` as it arrives, then `summary` and `interrupted`. One valid document, indented as
 * `JSON.stringify(report, null, 2)` would indent it.
 */
export function startJsonReport(io: CliIo, seed: number, event: string): JsonReportStream {
  io.stdout.write(
    `{\n  "seed": ${JSON.stringify(seed)},\n  "event": ${JSON.stringify(event)},\n  "tool": "vonage-webhook-simulator",\n  "deliveries": [`,
  );
  let count = 0;
  return {
    add(entry) {
      io.stdout.write(`${count === 0 ? '' : ','}\n    ${indent(JSON.stringify(entry, null, 2), '    ')}`);
      count++;
    },
    finish(summary, interrupted) {
      io.stdout.write(
        `${count === 0 ? ']' : '\n  ]'},\n  "summary": ${indent(JSON.stringify(summary, null, 2), '  ')},\n  "interrupted": ${interrupted}\n}\n`,
      );
    },
    fail(message) {
      io.stdout.write(`${count === 0 ? ']' : '\n  ]'},\n  "error": ${JSON.stringify(message)}\n}\n`);
    },
  };
}

/** A JUnit file written as results arrive: test cases go to a part file, assembled at the end. */
export interface JunitReportStream {
  add(entry: ReportEntry): Promise<void>;
  /** Writes the file: the header with the final counts, the test cases, the footer. */
  finish(interrupted: boolean): Promise<void>;
  /** Removes the part file (the run failed before a report could be written). */
  discard(): Promise<void>;
}

function opened(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
}

/** Resolves once `stream` wants more, or has failed (the failure is reported at the end). */
function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
  });
}

/**
 * Opens the JUnit report of `vws send` at `path` (its folder created): test cases are appended to
 * `<path>.part` as they come, with back-pressure, and `finish` streams header, cases and footer into
 * `path`. Opening first means an unwritable path fails before anything is sent.
 */
export async function openJunitReport(path: string, suiteName: string): Promise<JunitReportStream> {
  const partPath = `${path}.part`;
  // A folder (or an unwritable place) is refused now, not after the run (issue 11).
  await checkOutputPath(path);
  let part: WriteStream;
  try {
    await mkdir(dirname(path), { recursive: true });
    part = createWriteStream(partPath);
    await opened(part);
  } catch (error) {
    throw cannotWriteReport(path, error);
  }
  let failure: unknown = null;
  part.on('error', (error) => {
    failure ??= error;
  });
  let counts: JunitCounts = emptyJunitCounts;
  const closePart = () => new Promise<void>((resolve) => part.end(resolve));
  return {
    async add(entry) {
      counts = addToJunitCounts(counts, entry);
      if (failure === null && !part.write(toJunitTestCase(entry))) await drained(part);
    },
    async finish(interrupted) {
      await closePart();
      try {
        if (failure !== null) throw failure;
        const properties: Record<string, string> = interrupted ? { interrupted: 'true' } : {};
        const out = createWriteStream(path);
        await opened(out);
        await pipeline(async function* () {
          yield toJunitHeader(counts, { suiteName }, properties);
          yield* createReadStream(partPath);
          yield junitFooter;
        }, out);
      } catch (error) {
        throw cannotWriteReport(path, error);
      } finally {
        await rm(partPath, { force: true });
      }
    },
    async discard() {
      await closePart();
      await rm(partPath, { force: true });
    },
  };
}
