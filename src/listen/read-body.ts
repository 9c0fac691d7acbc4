import type { IncomingMessage } from 'node:http';

/** The default limit of a webhook body: Vonage's webhooks are a few KB at most. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** A body past the limit: nothing past the limit was kept. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    /** What the request declared (content-length) or had sent when reading stopped. */
    readonly bytes: number,
    readonly declared: boolean,
  ) {
    super(`body over the limit of ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The client went away before its body ended. */
export class RequestAbortedError extends Error {
  constructor() {
    super('the client closed the connection before the body ended');
    this.name = 'RequestAbortedError';
  }
}

/** {@link readBodyBytes} as UTF-8 text. */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  return (await readBodyBytes(request, maxBytes)).toString('utf8');
}

/**
 * Reads a request's body as bytes (forwarded as they came, issue 12), up to `maxBytes`. Past the limit (declared by content-length, or
 * as it streams in) it stops keeping data at once and rejects with {@link BodyTooLargeError}; the
 * rest is discarded unread-into-memory, so a huge body costs no memory.
 */
export function readBodyBytes(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      request.resume();
      reject(new BodyTooLargeError(maxBytes, declared, true));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      settled = true;
      chunks.length = 0;
      request.removeListener('data', onData);
      // Flowing with no listener: what still arrives is dropped, not kept.
      request.resume();
      reject(new BodyTooLargeError(maxBytes, received, false));
    };
    request.on('data', onData);
    request.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
    request.on('error', () => {
      if (settled) return;
      settled = true;
      reject(new RequestAbortedError());
    });
    request.on('close', () => {
      if (settled) return;
      settled = true;
      reject(new RequestAbortedError());
    });
  });
}
