import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FetchHandler } from '../delivery/handler-attempt.js';
import { originalHostHeader, originalSchemeHeader } from '../fake-vonage/api/vonage-hosts.js';
import { callHandler } from './call-handler.js';

/** A local socket that turns node:http requests into `Request`s for an in-process handler. */
export interface HandlerBridge {
  /** The Unix socket (Windows: named pipe) path to send requests to (`socketPath` of `http.request`). */
  readonly socketPath: string;
  /** Stops listening (the socket file is removed). */
  close(): void;
}

// Connection-level headers belong to the hop to the bridge, not to the request the app made.
const hopHeaders = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

let sequence = 0;

function toSocketPath(): string {
  sequence += 1;
  // Random part: a stale socket file of an earlier process with the same pid must not collide.
  const name = `vws-route-${process.pid}-${sequence}-${randomBytes(4).toString('hex')}`;
  return process.platform === 'win32' ? `\\\\?\\pipe\\${name}` : join(tmpdir(), `${name}.sock`);
}

async function readBody(incoming: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? null : Buffer.concat(chunks);
}

/** Rebuilds the request the app made: its original URL, headers and body. */
async function toRequest(incoming: IncomingMessage): Promise<Request> {
  const scheme = incoming.headers[originalSchemeHeader] ?? 'https';
  const host = incoming.headers[originalHostHeader] ?? 'localhost';
  const url = `${String(scheme)}://${String(host)}${incoming.url ?? '/'}`;
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] as string;
    if (!hopHeaders.has(name.toLowerCase())) headers.append(name, raw[index + 1] as string);
  }
  const method = incoming.method ?? 'GET';
  const bytes = method === 'GET' || method === 'HEAD' ? null : await readBody(incoming);
  return new Request(url, { method, headers, body: bytes === null ? null : Uint8Array.from(bytes) });
}

async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  // `Response.error()` mocks a network error (msw's convention): the app sees the connection reset.
  if (response.type === 'error') {
    outgoing.destroy();
    return;
  }
  outgoing.statusCode = response.status;
  if (response.statusText !== '') outgoing.statusMessage = response.statusText;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie' && !hopHeaders.has(name)) outgoing.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) outgoing.setHeader('set-cookie', cookies);
  if (response.body !== null) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      outgoing.write(value);
    }
  }
  outgoing.end();
}

/**
 * Starts a bridge for `handler`. Listening on a Unix socket binds synchronously, so the first routed
 * request can go out before any event-loop turn; the server is unref'd and never keeps the app alive.
 */
export function createHandlerBridge(handler: FetchHandler): HandlerBridge {
  const server = createServer((incoming, outgoing) => {
    toRequest(incoming)
      .then((request) => callHandler(handler, request))
      .then((response) => writeResponse(response, outgoing))
      .catch((error: unknown) => outgoing.destroy(error instanceof Error ? error : new Error(String(error))));
  });
  const socketPath = toSocketPath();
  server.listen(socketPath);
  server.unref();
  return {
    socketPath,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}
