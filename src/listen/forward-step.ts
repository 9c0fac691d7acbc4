// The forwarding step of the listener (issue 12): the options checked, the webhook sent on to the
// app, the app's answer (or the 502 / 504) handed back; and how the listener answers, once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { VwsError } from '../errors.js';
import {
  DEFAULT_FORWARD_TIMEOUT_MS,
  type ForwardAnswer,
  type ForwardFailure,
  forwardWebhook,
  HOP_HEADER,
  redactUserinfo,
  toForwardUrl,
} from './forward.js';

/** A problem as the listener reports it through `onError`. */
interface Problem {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly message: string;
}

/** What forwarding needs of the listener. */
export interface ForwardContext {
  readonly forwardTo: URL | undefined;
  readonly forwardTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly report: (problem: Problem) => void;
  /** This listener's random id, sent in the hop header of what it forwards. */
  readonly hopId: string;
}

/** One-line text of any thrown value (its first line: messages never spill onto more lines). */
export function oneLineOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 500);
}

/** Answers once: never writes after the end, never throws (the socket may be gone). */
export function answer(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: string,
): void {
  if (response.writableEnded || response.destroyed) return;
  try {
    if (!response.headersSent) response.writeHead(status, headers);
    response.end(body);
  } catch {
    response.destroy();
  }
}

/** The forwarding options, checked: an absolute http(s) base URL, a timeout of 1 ms or more. */
export function forwardingOf(options: {
  readonly forwardTo?: string | URL | undefined;
  readonly forwardTimeoutMs?: number | undefined;
}): { forwardTo: URL | undefined; forwardTimeoutMs: number } {
  const forwardTimeoutMs = options.forwardTimeoutMs ?? DEFAULT_FORWARD_TIMEOUT_MS;
  if (!Number.isSafeInteger(forwardTimeoutMs) || forwardTimeoutMs < 1) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `forwardTimeoutMs must be a whole number of milliseconds, 1 or more (got ${String(forwardTimeoutMs)}), e.g. ${DEFAULT_FORWARD_TIMEOUT_MS}.`,
    );
  }
  if (options.forwardTo === undefined) return { forwardTo: undefined, forwardTimeoutMs };
  let forwardTo: URL | undefined;
  try {
    forwardTo = new URL(String(options.forwardTo));
  } catch {
    forwardTo = undefined;
  }
  if (
    forwardTo === undefined ||
    (forwardTo.protocol !== 'http:' && forwardTo.protocol !== 'https:') ||
    forwardTo.search !== '' ||
    forwardTo.hash !== ''
  ) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `forwardTo must be your app's absolute http(s) base URL without query or fragment (got ${JSON.stringify(redactUserinfo(String(options.forwardTo))).slice(0, 200)}), e.g. http://127.0.0.1:3000.`,
    );
  }
  return { forwardTo, forwardTimeoutMs };
}

// The names a listener on `host` answers to besides `host` itself: loopback ones when it listens on
// loopback, and every address of this machine when it listens on all interfaces.
const loopbackNames = ['localhost', '127.0.0.1', '::1', '0.0.0.0', '::'];

function bare(host: string): string {
  return host.replace(/^\[|\]$/g, '').toLowerCase();
}

function isLoopback(host: string): boolean {
  return loopbackNames.includes(host) || /^127\.\d+\.\d+\.\d+$/.test(host) || host.endsWith('.localhost');
}

function ownNames(host: string): Set<string> {
  const names = new Set([bare(host)]);
  const any = host === '0.0.0.0' || host === '::' || host === '';
  if (any || isLoopback(bare(host))) for (const name of loopbackNames) names.add(name);
  if (any) {
    for (const addresses of Object.values(networkInterfaces()))
      for (const address of addresses ?? []) names.add(bare(address.address));
  }
  return names;
}

/**
 * Throws a one-line `VWS_ERR_INVALID_OPTION` when `forwardTo` is the listener's own address (the
 * same port on the host it listens on, on loopback, or on any address of this machine when it
 * listens on all): each webhook would come back to it, again and again.
 */
export function refuseForwardToSelf(forwardTo: URL | undefined, host: string, port: number): void {
  if (forwardTo === undefined || port === 0) return;
  const targetPort = Number(forwardTo.port || (forwardTo.protocol === 'https:' ? 443 : 80));
  const target = bare(forwardTo.hostname);
  const listening = bare(host);
  const self = ownNames(listening).has(target) || (isLoopback(target) && isLoopback(listening));
  if (targetPort !== port || !self) return;
  throw new VwsError(
    'VWS_ERR_INVALID_OPTION',
    `forwardTo ${redactUserinfo(forwardTo.href)} is this listener's own address (${host}:${port}): each webhook would come back to it; forward to your app's port instead, e.g. --forward-to http://127.0.0.1:3000 with --port 4000.`,
  );
}

/**
 * True when the request came back round a loop (it carries this listener's hop id): then it was
 * answered 508 and reported, and goes no further.
 */
export function refuseLoop(
  context: ForwardContext,
  request: IncomingMessage,
  response: ServerResponse,
  where: { method: string; path: string },
): boolean {
  const hops = request.headers[HOP_HEADER];
  const ids = (Array.isArray(hops) ? hops.join(',') : (hops ?? '')).split(',').map((id) => id.trim());
  if (!ids.includes(context.hopId)) return false;
  const { method, path } = where;
  const message = `${method} ${path} came back to this listener (a forwarding loop: --forward-to leads back here); answered 508 and did not forward it again.`;
  answer(response, 508, { 'content-type': 'text/plain' }, `vws listen: ${message}\n`);
  context.report({ method, path, status: 508, message });
  return true;
}

/** Forwards the webhook when the listener forwards; a failure is reported and returned (502 / 504). */
export async function forwardOf(
  context: ForwardContext,
  request: IncomingMessage,
  bytes: Buffer,
  where: { method: string; path: string },
): Promise<ForwardAnswer | ForwardFailure | undefined> {
  if (context.forwardTo === undefined) return undefined;
  const { method, path } = where;
  const target = request.url?.startsWith('/') === true ? request.url : path;
  const result = await forwardWebhook(
    { method, pathAndQuery: target, rawHeaders: request.rawHeaders, body: bytes },
    toForwardUrl(context.forwardTo, target),
    { timeoutMs: context.forwardTimeoutMs, maxAnswerBytes: context.maxBodyBytes, hopId: context.hopId },
  );
  if (!result.ok) {
    context.report({
      method,
      path,
      status: result.status,
      message: `could not forward ${method} ${path} to ${result.url}: ${result.cause}; answered ${result.status}.`,
    });
  }
  return result;
}

/** Hands the app's answer back (its status, headers but hop-by-hop ones, body), or the 502 / 504. */
export function answerForwarded(response: ServerResponse, result: ForwardAnswer | ForwardFailure): void {
  if (!result.ok) {
    const text = `vws listen: could not forward to ${result.url}: ${result.cause}.\n`;
    answer(response, result.status, { 'content-type': 'text/plain' }, text);
    return;
  }
  if (response.writableEnded || response.destroyed) return;
  try {
    response.writeHead(result.status, [...result.rawHeaders, 'content-length', String(result.body.length)]);
    response.end(result.body);
  } catch {
    response.destroy();
  }
}
