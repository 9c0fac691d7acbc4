import type { FetchHandler } from '../delivery/handler-attempt.js';
import { callHandler } from './call-handler.js';
import { type DispatchOptions, readDispatchBody, toHeaderPairs } from './dispatch-parts.js';

/** The undici 6 handler callbacks (Node 20's fetch and the npm undici's `request()` use these). */
interface LegacyHandler {
  onConnect?(abort: (reason?: Error) => void, context?: object): void;
  onResponseStarted?(): void;
  onHeaders?(
    status: number,
    rawHeaders: Buffer[],
    resume: () => void,
    statusText: string,
  ): boolean | undefined;
  onData?(chunk: Buffer): boolean | undefined;
  onComplete?(trailers: Buffer[] | null): void;
  onError?(error: Error): void;
}

/** The controller undici 7 passes to its new-style handlers. */
interface Controller {
  abort(reason?: Error): void;
  pause(): void;
  resume(): void;
  readonly aborted: boolean;
  readonly paused: boolean;
  readonly reason: Error | null;
}

/** The undici 7 handler callbacks (interceptors and new-style handlers). */
interface ModernHandler {
  onRequestStart?(controller: Controller, context: object): void;
  onResponseStart?(
    controller: Controller,
    status: number,
    headers: Record<string, string | string[]>,
    statusMessage?: string,
  ): void;
  onResponseData?(controller: Controller, chunk: Buffer): void;
  onResponseEnd?(controller: Controller, trailers: Record<string, string | string[]>): void;
  onResponseError?(controller: Controller, error: Error): void;
}

/** Either handler API; undici 7 calls a handler new-style when it has `onRequestStart`/`onResponseStart`. */
export type AnyDispatchHandler = LegacyHandler | ModernHandler;

function isModern(handler: AnyDispatchHandler): handler is ModernHandler {
  return (
    typeof (handler as ModernHandler).onRequestStart === 'function' ||
    typeof (handler as ModernHandler).onResponseStart === 'function'
  );
}

/**
 * The `Request` an app's dispatch stands for: its original URL (`https://rest.nexmo.com/sms/json`),
 * headers plus the routing headers, and body.
 */
async function toRequest(
  origin: URL,
  options: DispatchOptions,
  routingHeaders: Readonly<Record<string, string>>,
): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of toHeaderPairs(options.headers)) {
    if (name.toLowerCase() !== 'host') headers.append(name, value);
  }
  for (const [name, value] of Object.entries(routingHeaders)) headers.set(name, value);
  const method = options.method.toUpperCase();
  const bytes = method === 'GET' || method === 'HEAD' ? null : await readDispatchBody(options.body);
  const body = bytes === null ? null : Uint8Array.from(bytes);
  return new Request(`${origin.origin}${options.path}`, { method, headers, body });
}

/**
 * Answers one undici dispatch from an in-process handler instead of the network: builds the
 * `Request`, calls the handler, and plays the `Response` back through whichever handler API the
 * caller uses, honouring its pause/resume back-pressure and its abort.
 */
export function dispatchToHandler(
  fetchHandler: FetchHandler,
  origin: URL,
  options: DispatchOptions,
  routingHeaders: Readonly<Record<string, string>>,
  handler: AnyDispatchHandler,
): void {
  const modern = isModern(handler);
  let aborted = false;
  let reason: Error | null = null;
  let paused = false;
  let finished = false;
  let wake: (() => void) | undefined;
  const wakeUp = (): void => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  const abort = (cause?: Error): void => {
    if (aborted) return;
    aborted = true;
    reason = cause ?? new Error('The request was aborted.');
    wakeUp();
  };
  const controller: Controller = {
    abort,
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
      wakeUp();
    },
    get aborted() {
      return aborted;
    },
    get paused() {
      return paused;
    },
    get reason() {
      return reason;
    },
  };
  const checkAborted = (): void => {
    if (aborted) throw reason;
  };

  const run = async (): Promise<void> => {
    if (modern) (handler as ModernHandler).onRequestStart?.(controller, {});
    else (handler as LegacyHandler).onConnect?.(abort, {});
    checkAborted();
    if (options.upgrade) {
      throw new Error(
        `vonage-webhook-simulator: an in-process Vonage handler cannot take a "${options.upgrade}" upgrade; route to a URL (vws serve) instead.`,
      );
    }
    const response = await callHandler(fetchHandler, await toRequest(origin, options, routingHeaders));
    checkAborted();
    // msw's way to mock a network error (decision 093).
    if (response.type === 'error')
      throw new TypeError('The in-process Vonage handler returned Response.error().');
    if (modern) {
      const headers: Record<string, string | string[]> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) headers['set-cookie'] = cookies;
      (handler as ModernHandler).onResponseStart?.(controller, response.status, headers, response.statusText);
    } else {
      const legacy = handler as LegacyHandler;
      legacy.onResponseStarted?.();
      const raw: Buffer[] = [];
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') raw.push(Buffer.from(name), Buffer.from(value));
      });
      for (const cookie of response.headers.getSetCookie())
        raw.push(Buffer.from('set-cookie'), Buffer.from(cookie));
      if (legacy.onHeaders?.(response.status, raw, controller.resume, response.statusText) === false)
        paused = true;
    }
    if (response.body !== null) {
      const reader = response.body.getReader();
      try {
        for (;;) {
          while (paused && !aborted) await new Promise<void>((resolve) => (wake = resolve));
          checkAborted();
          const { done, value } = await reader.read();
          if (done) break;
          checkAborted();
          const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
          if (modern) (handler as ModernHandler).onResponseData?.(controller, chunk);
          else if ((handler as LegacyHandler).onData?.(chunk) === false) paused = true;
        }
      } finally {
        if (aborted) await reader.cancel(reason).catch(() => undefined);
      }
    }
    finished = true;
    if (modern) (handler as ModernHandler).onResponseEnd?.(controller, {});
    else (handler as LegacyHandler).onComplete?.([]);
  };

  run().catch((error: unknown) => {
    if (finished) return;
    finished = true;
    const failure = error instanceof Error ? error : new Error(String(error));
    if (modern) (handler as ModernHandler).onResponseError?.(controller, failure);
    else (handler as LegacyHandler).onError?.(failure);
  });
}
