// A tiny IVR on loopback for call tests: the answer URL greets and asks (talk + input, its result to
// /menu); /menu says what it heard and asks again, and says goodbye when the input timed out. Digit 9
// makes /menu answer 500; /bad answers an invalid NCCO; every other path (events) answers 204.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the app received. */
export interface IvrRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** A running IVR app; `close()` ends its connections too. */
export interface IvrApp {
  readonly url: string;
  readonly received: IvrRequest[];
  close(): Promise<void>;
}

const ask = (base: string, text: string) => [
  { action: 'talk', text, bargeIn: true },
  { action: 'input', type: ['dtmf', 'speech'], dtmf: { maxDigits: 1 }, eventUrl: [`${base}/menu`] },
];

/** What /menu heard: the digits, else the first speech result, else `null` (timed out). */
function heard(body: Record<string, unknown>): string | null {
  const dtmf = body.dtmf as { digits?: unknown } | undefined;
  if (typeof dtmf?.digits === 'string' && dtmf.digits !== '') return dtmf.digits;
  const speech = body.speech as { results?: { text?: unknown }[] } | undefined;
  const text = speech?.results?.[0]?.text;
  return typeof text === 'string' ? text : null;
}

/** Starts an {@link IvrApp} on 127.0.0.1, bounded: a stuck connection ends after 5 s. */
export async function startIvrApp(): Promise<IvrApp> {
  const received: IvrRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = Object.fromEntries(url.searchParams);
      if (text !== '') body = JSON.parse(text) as Record<string, unknown>;
      received.push({ method: request.method ?? '', path: url.pathname, headers: request.headers, body });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const json = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (url.pathname === '/answer') return json(200, ask(base, 'Welcome to Acme. Press 1 for sales.'));
      if (url.pathname === '/bad') return json(200, [{ action: 'tlak', text: 'Hi' }]);
      if (url.pathname === '/menu') {
        const choice = heard(body);
        if (choice === '9') return json(500, { error: 'boom' });
        if (choice === null) return json(200, [{ action: 'talk', text: 'Goodbye.' }]);
        return json(200, ask(base, `You chose ${choice}.`));
      }
      response.writeHead(204).end();
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
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
