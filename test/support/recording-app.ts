// A loopback app for tests: records every webhook the fake sends it and answers 200, with an NCCO
// on paths that contain "answer" (the Voice answer and fallback URLs).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the app received. */
export interface RecordedWebhook {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A running recording app; `close()` ends its connections too. */
export interface RecordingApp {
  readonly url: string;
  readonly received: RecordedWebhook[];
  close(): Promise<void>;
}

/** Starts a {@link RecordingApp} on 127.0.0.1, bounded: a stuck connection ends after 5 s. */
export async function startRecordingApp(): Promise<RecordingApp> {
  const received: RecordedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      received.push({
        method: request.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (url.pathname.includes('answer')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify([{ action: 'talk', text: 'Hi' }]));
        return;
      }
      response.writeHead(200).end();
    });
  });
  server.requestTimeout = 5_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
