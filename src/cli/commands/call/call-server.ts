// `vws call --server`: the call runs in a running `vws serve`, placed through its control endpoint.
import { errorCodes, VwsError, type VwsErrorCode } from '../../../errors.js';
import type { TranscriptEntry } from '../../../fake-vonage/engine/conversation.js';
import { isRecord } from '../../../internal/is-record.js';
import { type CallReport, toCallReport } from '../../../serve/call-report.js';
import { controlPrefix } from '../../../serve/control-routes.js';
import { notEnded } from './judge-call.js';
import { type CallCliOptions, toServerCallParams } from './options.js';

/** How long the CLI waits for a server beyond the call's own `--timeout` before giving up on it. */
const SERVER_GRACE_MS = 10_000;

/** The control endpoint that places an inbound call (and, with `wait: true`, answers once it ended). */
const callPath = `${controlPrefix}/inbound/call`;

interface ServerAnswer {
  readonly status: number;
  readonly body: unknown;
}

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
  const url = new URL(`${server}${callPath}`);
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

/**
 * Runs the call in a running `vws serve`, which sends the webhooks and keeps the call in its
 * records; resolves to the call's report, or throws what the server's answer says went wrong.
 */
export async function callThroughServer(
  options: CallCliOptions,
  server: string,
  caller: readonly string[],
): Promise<CallReport> {
  const { status, body } = await postCall(server, toServerCallParams(options, caller), options.timeout);
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const message = typeof error?.message === 'string' ? error.message.replace(/\.?$/, '.') : undefined;
  if (
    status === 200 &&
    isRecord(body) &&
    typeof body.lifecycle === 'number' &&
    Array.isArray(body.transcript)
  ) {
    return toCallReport(body.lifecycle, body.transcript as TranscriptEntry[]);
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
    `${server} does not look like a running "vws serve" (POST ${callPath} answered ${status}${said}); ${hint}.`,
  );
}
