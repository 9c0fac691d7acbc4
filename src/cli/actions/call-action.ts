// Loaded only when `vws call` runs: it brings in the fake (standalone) or talks to a `vws serve`.
import { errorCodes, isVwsError, VwsError, type VwsErrorCode } from '../../errors.js';
import type { TranscriptEntry } from '../../fake-vonage/engine/conversation.js';
import { parseEndUserScript } from '../../fake-vonage/engine/end-user-script.js';
import {
  type CallReport,
  describeFailure,
  toCallReport,
  toCallSummary,
  type WebhookEntry,
} from '../../serve/call-report.js';
import type { CallCliOptions } from '../commands/call.js';
import type { CliIo } from '../io.js';
import { createStyle } from '../style.js';

/** Flags that configure the in-process fake, with their option names; a server has its own. */
const standaloneFlags = [
  ['answerUrl', '--answer-url'],
  ['answerMethod', '--answer-method'],
  ['eventUrl', '--event-url'],
  ['eventMethod', '--event-method'],
  ['fallbackAnswerUrl', '--fallback-answer-url'],
  ['seed', '--seed'],
  ['refDate', '--ref-date'],
  ['timeScale', '--time-scale'],
  ['signatureSecret', '--signature-secret'],
  ['applicationId', '--application-id'],
] as const satisfies readonly (readonly [keyof CallCliOptions, string])[];

/** How long the CLI waits for a server beyond the call's own `--timeout` before giving up on it. */
const SERVER_GRACE_MS = 10_000;

const toDuration = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

const listed = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** The error code of a webhook's delivery outcome, for the exit code (all of them exit 1). */
const codeByOutcome: Readonly<Record<string, VwsErrorCode>> = {
  rejected: 'VWS_ERR_DELIVERY_STATUS',
  redirected: 'VWS_ERR_DELIVERY_REDIRECT',
  timed_out: 'VWS_ERR_DELIVERY_TIMEOUT',
  connection_refused: 'VWS_ERR_DELIVERY_CONNECTION_REFUSED',
  connection_reset: 'VWS_ERR_DELIVERY_CONNECTION_RESET',
  network_error: 'VWS_ERR_DELIVERY_NETWORK',
  handler_error: 'VWS_ERR_DELIVERY_HANDLER',
  ncco_invalid: 'VWS_ERR_DELIVERY_NCCO_INVALID',
};

/** Checks the flags against each other: where the call goes, and method flags without their URL. */
function checkTarget(options: CallCliOptions): void {
  if (options.server !== undefined) {
    const given = standaloneFlags.filter(([name]) => options[name] !== undefined).map(([, flag]) => flag);
    if (given.length > 0) {
      throw new VwsError(
        'VWS_ERR_USAGE',
        `${listed(given)} ${given.length === 1 ? 'does' : 'do'} not apply with --server: the call runs in that "vws serve" with its own webhooks, seed, timing and signing (set them on "vws serve"); drop ${given.length === 1 ? 'it' : 'them'}.`,
      );
    }
    return;
  }
  if (options.answerUrl === undefined) {
    throw new VwsError(
      'VWS_ERR_USAGE',
      'vws call needs --answer-url <url> (your app\'s answer URL) or --server <url> (a running "vws serve"), e.g. vws call --answer-url http://127.0.0.1:3000/webhooks/answer --press 1.',
    );
  }
  if (options.eventMethod !== undefined && options.eventUrl === undefined) {
    throw new VwsError(
      'VWS_ERR_USAGE',
      `--event-method ${options.eventMethod} has no URL to apply to: add --event-url <url>.`,
    );
  }
}

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

/** Throws the error that sets the exit code when a webhook of the call was not accepted. */
function judge(report: CallReport, server: string | undefined): void {
  if (report.ok) return;
  const invalid = report.failures.find(
    (entry) => entry.outcome === 'ncco_invalid' || (entry.nccoIssues?.length ?? 0) > 0,
  );
  if (invalid !== undefined) {
    const issue = invalid.nccoIssues?.[0];
    throw new VwsError(
      'VWS_ERR_DELIVERY_NCCO_INVALID',
      `Your app answered ${invalid.event} (${invalid.method} ${invalid.url ?? '(no URL)'}) with an invalid NCCO${issue === undefined ? '' : `: ${issue.replace(/\.$/, '')}`}; fix the NCCO it returns.`,
    );
  }
  const notSent = report.failures.filter((entry) => entry.notSent !== undefined);
  if (notSent.length > 0) {
    const events = [...new Set(notSent.map((entry) => entry.event))];
    const flag = /--[a-z-]+-url\b/.exec(notSent[0]?.notSent ?? '')?.[0] ?? '--event-url';
    const fix =
      server === undefined
        ? `pass ${flag} <url>`
        : `start "vws serve" with ${flag} <url> (or --webhook-base-url)`;
    throw new VwsError(
      'VWS_ERR_SETTLE_FAILED',
      `${notSent.length} webhook${notSent.length === 1 ? '' : 's'} of the call had no URL to go to (${listed(events)}): ${fix}, or name one in the NCCO action (eventUrl).`,
    );
  }
  const first = report.failures[0] as WebhookEntry;
  const total = report.transcript.filter((entry) => entry.kind === 'webhook').length;
  throw new VwsError(
    codeByOutcome[first.outcome] ?? 'VWS_ERR_SETTLE_FAILED',
    `${report.failures.length} of ${total} webhooks of the call were not accepted (first: ${describeFailure(first)}); Vonage expects 200-205 from your app.`,
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

const notEnded = (ms: number, where: string): VwsError =>
  new VwsError(
    'VWS_ERR_SETTLE_TIMEOUT',
    `The call did not end within ${toDuration(ms)}${where}: raise --timeout, or end it from the caller's side with --hang-up.`,
  );

/** Runs the call in an in-process fake Vonage that sends its webhooks to the app. */
async function callStandalone(io: CliIo, options: CallCliOptions, caller: readonly string[]): Promise<void> {
  const { createFakeVonage } = await import('../../fake-vonage/create-fake-vonage.js');
  const seed = options.seed ?? io.randomSeed();
  const timeScale = options.timeScale ?? 0;
  const signatureSecret = options.signatureSecret ?? io.env.VONAGE_SIGNATURE_SECRET;
  const applicationId = options.applicationId ?? io.env.VONAGE_APPLICATION_ID;
  const set = (value: string | undefined): value is string => value !== undefined && value !== '';
  const fake = createFakeVonage({
    webhooks: {
      answerUrl: options.answerUrl as string,
      answerMethod: options.answerMethod ?? 'GET',
      ...(options.eventUrl === undefined
        ? {}
        : { eventUrl: options.eventUrl, eventMethod: options.eventMethod ?? 'POST' }),
      ...(options.fallbackAnswerUrl === undefined ? {} : { fallbackAnswerUrl: options.fallbackAnswerUrl }),
    },
    // As fast as the app answers: a manual clock run to its end, so the run is the same on any machine.
    ...(timeScale === 0 ? { clock: 'manual' as const } : { timeScale }),
    seed,
    now: io.now,
    ...(options.refDate === undefined ? {} : { refDate: options.refDate }),
    ...(set(signatureSecret) ? { signatureSecret } : {}),
    ...(set(applicationId) ? { applicationId } : {}),
    retries: 'vonage',
  });
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

interface ServerAnswer {
  readonly status: number;
  readonly body: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The reason a request to the server failed, in a few words (`connection refused`). */
function toNetworkReason(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') return 'connection refused';
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return 'no such host';
  if (error.code === 'ECONNRESET') return 'connection reset';
  return error.message;
}

/**
 * Posts the call to the server and reads its answer; a server that cannot be reached is a usage
 * error. node:http rather than fetch: the server answers once the call has ended, which may take
 * longer than fetch's fixed five-minute wait for headers; the only limit here is --timeout.
 */
async function postCall(
  server: string,
  params: Record<string, unknown>,
  timeoutMs: number,
): Promise<ServerAnswer> {
  const url = new URL(`${server}/_vws/inbound/call`);
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const payload = JSON.stringify(params);
  const signal = AbortSignal.timeout(timeoutMs + SERVER_GRACE_MS);
  try {
    return await new Promise<ServerAnswer>((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          signal,
          // One request: no pooled socket left open after it.
          agent: false,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = null;
            try {
              body = text === '' ? null : JSON.parse(text);
            } catch {
              // Not JSON: not a vws serve; said by the caller from the status.
            }
            resolve({ status: incoming.statusCode ?? 0, body });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  } catch (error) {
    if (signal.aborted) throw notEnded(timeoutMs, ` (${server} did not answer)`);
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new VwsError(
      'VWS_ERR_USAGE',
      `Cannot reach vws serve at ${server} (${toNetworkReason(error as NodeJS.ErrnoException)}): start it ("vws serve --answer-url <url>") or fix --server.`,
    );
  }
}

/** Runs the call in a running `vws serve`, which sends the webhooks and keeps the call in its records. */
async function callThroughServer(
  io: CliIo,
  options: CallCliOptions,
  server: string,
  caller: readonly string[],
): Promise<void> {
  const { status, body } = await postCall(
    server,
    {
      ...(options.from === undefined ? {} : { from: options.from }),
      ...(options.to === undefined ? {} : { to: options.to }),
      caller,
      wait: true,
      timeoutMs: options.timeout,
    },
    options.timeout,
  );
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const message = typeof error?.message === 'string' ? error.message.replace(/\.?$/, '.') : undefined;
  if (
    status === 200 &&
    isRecord(body) &&
    typeof body.lifecycle === 'number' &&
    Array.isArray(body.transcript)
  ) {
    const report = toCallReport(body.lifecycle, body.transcript as TranscriptEntry[]);
    print(io, report, options.json);
    judge(report, server);
    return;
  }
  if (status === 504 && message !== undefined) {
    throw new VwsError(
      'VWS_ERR_SETTLE_TIMEOUT',
      `${message} Raise --timeout, or end the call from the caller's side with --hang-up.`,
    );
  }
  if (status === 400 && message !== undefined) {
    const code = (errorCodes as readonly unknown[]).includes(error?.code)
      ? (error?.code as VwsErrorCode)
      : 'VWS_ERR_USAGE';
    throw new VwsError(code, message);
  }
  const said = message === undefined ? '' : `: ${message.replace(/\.$/, '')}`;
  const hint =
    status === 202
      ? 'it started the call without waiting for its end, so it is an older "vws serve": update it'
      : 'give --server the URL "vws serve" prints ("listening on http://127.0.0.1:4010")';
  throw new VwsError(
    'VWS_ERR_USAGE',
    `${server} does not look like a running "vws serve" (POST /_vws/inbound/call answered ${status}${said}); ${hint}.`,
  );
}

/** Runs `vws call`: checks the caller's steps and the flags, places the call, prints it and judges it. */
export async function runCall(io: CliIo, options: CallCliOptions, steps: readonly string[]): Promise<void> {
  // A step that cannot be read stops here, before any call starts (VWS_ERR_INVALID_OPTION, exit 2).
  parseEndUserScript(steps, 'caller');
  checkTarget(options);
  if (options.server !== undefined) {
    return callThroughServer(io, options, options.server.replace(/\/+$/, ''), steps);
  }
  return callStandalone(io, options, steps);
}
