// A tiny IVR on loopback for call tests: the answer URL greets and asks (talk + input, its result to
// /menu); /menu says what it heard and asks again, and says goodbye when the input timed out. Digit 9
// makes /menu answer 500; /bad answers an invalid NCCO; every other path (events) answers 204.
import type { IncomingHttpHeaders } from 'node:http';
import { type RecordedWebhook, startRecordingApp, toJsonAnswer } from './recording-app.js';

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

/** The request's fields: its JSON body, else its query string (GET webhooks). */
function toFields(request: RecordedWebhook): Record<string, unknown> {
  if (request.body !== '') return JSON.parse(request.body) as Record<string, unknown>;
  return Object.fromEntries(request.query);
}

/** Starts an {@link IvrApp} on 127.0.0.1, bounded: a stuck connection ends after 5 s. */
export async function startIvrApp(): Promise<IvrApp> {
  // The IVR tests read `body` as the parsed fields, so this keeps its own list of that shape.
  const received: IvrRequest[] = [];
  const app = await startRecordingApp({
    answer: (request, base) => {
      const body = toFields(request);
      received.push({ method: request.method, path: request.path, headers: request.headers, body });
      if (request.path === '/answer')
        return toJsonAnswer(200, ask(base, 'Welcome to Acme. Press 1 for sales.'));
      if (request.path === '/bad') return toJsonAnswer(200, [{ action: 'tlak', text: 'Hi' }]);
      if (request.path === '/menu') {
        const choice = heard(body);
        if (choice === '9') return toJsonAnswer(500, { error: 'boom' });
        if (choice === null) return toJsonAnswer(200, [{ action: 'talk', text: 'Goodbye.' }]);
        return toJsonAnswer(200, ask(base, `You chose ${choice}.`));
      }
      return { status: 204 };
    },
  });
  return { url: app.url, received, close: () => app.close() };
}
