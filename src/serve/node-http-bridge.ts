import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { originalHeaderPrefix } from '../fake-vonage/api/vonage-hosts.js';

// Hop-by-hop headers belong to the connection to this server, not to the request the app made.
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

/** The headers of the app's request as the fake gets them: `host` set to the Vonage host, ours dropped. */
export function toHeaders(request: IncomingMessage, host: string): Headers {
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = (raw[index] as string).toLowerCase();
    if (hopByHop.has(name) || name === 'host' || name.startsWith(originalHeaderPrefix)) continue;
    headers.append(name, raw[index + 1] as string);
  }
  headers.set('host', host);
  return headers;
}

/** Fetch headers as a plain object (lower-case names). */
export function toRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

async function writeResponse(response: ServerResponse, answer: Response, head: boolean): Promise<void> {
  const body = head ? null : Buffer.from(await answer.arrayBuffer());
  const headers = toRecord(answer.headers);
  if (body !== null) headers['content-length'] = String(body.length);
  response.writeHead(answer.status, headers);
  response.end(body ?? undefined);
}

/** A `node:http` server that writes what `answer` resolves for each request, and a 500 if it throws. */
export function createAnsweringServer(answer: (request: IncomingMessage) => Promise<Response>): Server {
  return createServer((request, response) => {
    answer(request)
      .then((result) => writeResponse(response, result, request.method === 'HEAD'))
      .catch((error: unknown) => {
        // A bug here must not hang the app's SDK call: answer 500 and say what broke.
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            error: {
              code: null,
              message: `vws serve failed on ${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`,
            },
          }),
        );
      });
  });
}
