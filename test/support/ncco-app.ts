// A programmable loopback app for call-flow tests: each path answers a configured status, JSON or
// NCCO (or a function of the request), and every request is recorded with its method, path, query
// and parsed body. Nothing leaves 127.0.0.1; every connection is bounded and `close()` ends them all.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the app received. */
export interface AppRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** The raw body. */
  readonly text: string;
  /** The body as JSON (or a form as an object); `null` when empty or unreadable. */
  readonly body: Record<string, unknown> | null;
  /** Order of arrival across all paths. */
  readonly seq: number;
}

/** How a path answers: an NCCO (200 JSON), or a status with an optional JSON body; default 204. */
export type AppReply = readonly unknown[] | { readonly status: number; readonly json?: unknown };

/** A path's answer, fixed or chosen per request. */
export type AppRoute = AppReply | ((request: AppRequest) => AppReply);

/** A running app. */
export interface NccoApp {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly received: AppRequest[];
  /** The absolute URL of `path`. */
  url(path: string): string;
  /** Sets (or replaces) what `path` answers. */
  on(path: string, route: AppRoute): void;
  /** The requests to `path`, in order. */
  requests(path: string): AppRequest[];
  /** The JSON bodies (or the query of GETs) of the requests to `path`. */
  bodies(path: string): Record<string, unknown>[];
  close(): Promise<void>;
}

/** Bodies beyond this are cut off: no webhook of the fake comes near it. */
const MAX_BODY_BYTES = 1_000_000;

function parse(text: string, contentType: string | undefined): Record<string, unknown> | null {
  if (text === '') return null;
  if (contentType?.includes('application/x-www-form-urlencoded') === true) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function write(response: ServerResponse, reply: AppReply): void {
  if (Array.isArray(reply)) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(reply));
    return;
  }
  const { status, json } = reply as { status: number; json?: unknown };
  if (json === undefined) {
    response.writeHead(status);
    response.end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(json));
}

/**
 * Starts an {@link NccoApp} on 127.0.0.1:0 answering `routes` (path → answer); other paths answer
 * 204. A route that throws answers 500. Stuck requests end after 5 s.
 *
 * @example
 * ```ts
 * const app = await startNccoApp({ '/answer': [{ action: 'talk', text: 'Hi' }] });
 * // ... point the fake at app.url('/answer'), run the call ...
 * await app.close();
 * ```
 */
export async function startNccoApp(routes: Readonly<Record<string, AppRoute>> = {}): Promise<NccoApp> {
  const table = new Map<string, AppRoute>(Object.entries(routes));
  const received: AppRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: AppRequest = {
        method: request.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: request.headers,
        text,
        body: parse(text, request.headers['content-type']),
        seq: received.length,
      };
      received.push(recorded);
      const route = table.get(url.pathname);
      let reply: AppReply;
      try {
        reply = route === undefined ? { status: 204 } : typeof route === 'function' ? route(recorded) : route;
      } catch {
        reply = { status: 500 };
      }
      write(response, reply);
    });
  });
  server.requestTimeout = 5_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const requests = (path: string) => received.filter((each) => each.path === path);
  return {
    origin,
    received,
    url: (path) => `${origin}${path}`,
    on(path, route) {
      table.set(path, route);
    },
    requests,
    bodies: (path) => requests(path).map((each) => each.body ?? { ...each.query }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The application id the call-flow tests give the fake (its JWTs carry it). */
export const TEST_APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';

/** An application JWT as the SDKs make one (RS256; the fake reads its claims only). */
export function appJwt(applicationId = TEST_APPLICATION_ID): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ application_id: applicationId, iat: 1_700_000_000, jti: 'x' })}.c2ln`;
}

/** A Voice API request (`/v1/calls...`) with an application JWT and a JSON body. */
export function voiceApiRequest(method: string, path: string, body?: unknown): Request {
  return new Request(`https://api.nexmo.com${path}`, {
    method,
    headers: { authorization: `Bearer ${appJwt()}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
