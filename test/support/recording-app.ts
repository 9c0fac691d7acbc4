// A loopback app for tests: records every webhook the fake sends it and answers 200, with an NCCO
// on paths that contain "answer" (the Voice answer and fallback URLs). Every loopback app the tests
// use is this one; a caller changes how it answers with `answer`.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the app received. */
export interface RecordedWebhook {
  readonly method: string;
  /** The request target as sent: path and query string. */
  readonly target: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** How the app answers one request; no `body` answers an empty one. */
export interface WebhookAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** Chooses the answer to a recorded request; `appUrl` is the app's own base URL. */
export type AnswerWebhook = (request: RecordedWebhook, appUrl: string) => WebhookAnswer;

/** A running recording app; `close()` ends its connections too. */
export interface RecordingApp {
  readonly url: string;
  readonly received: RecordedWebhook[];
  close(): Promise<void>;
}

/** A JSON answer (an NCCO, an error body) with its content type. */
export function toJsonAnswer(status: number, value: unknown): WebhookAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

/** The default: an NCCO on paths with "answer" in them, an empty 200 elsewhere. */
function answerNccoOnAnswerPaths(request: RecordedWebhook): WebhookAnswer {
  if (request.path.includes('answer')) return toJsonAnswer(200, [{ action: 'talk', text: 'Hi' }]);
  return { status: 200 };
}

/** Starts a {@link RecordingApp} on 127.0.0.1, bounded: a stuck connection ends after 5 s. */
export async function startRecordingApp(
  options: { readonly answer?: AnswerWebhook } = {},
): Promise<RecordingApp> {
  const answer = options.answer ?? answerNccoOnAnswerPaths;
  const received: RecordedWebhook[] = [];
  let appUrl = '';
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const webhook: RecordedWebhook = {
        method: request.method ?? '',
        target: request.url ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(webhook);
      const { status, headers, body } = answer(webhook, appUrl);
      response.writeHead(status, headers);
      response.end(body);
    });
  });
  server.requestTimeout = 5_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: appUrl,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
