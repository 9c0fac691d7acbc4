// A raw HTTP client for the listener's hostile-input tests: any body, any headers, chunked or not.
import { request } from 'node:http';

/** What one raw request got back: a status and body, or the network error that ended it. */
export interface RawAnswer {
  readonly status: number | undefined;
  readonly body: string;
  readonly error?: string;
}

/** Options of {@link rawRequest}. */
export interface RawRequestOptions {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The body, sent in chunks of `chunkBytes` (no content-length: chunked) unless `contentLength`. */
  readonly body?: Buffer | string;
  readonly chunkBytes?: number;
  /** Send a content-length header (the body's length) instead of chunked encoding. */
  readonly contentLength?: boolean;
}

/** Sends one request on a fresh connection; stops writing as soon as an answer arrives. */
export function rawRequest(baseUrl: string, options: RawRequestOptions = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const body =
    typeof options.body === 'string' ? Buffer.from(options.body) : (options.body ?? Buffer.alloc(0));
  const headers: Record<string, string> = { ...options.headers };
  if (options.contentLength) headers['content-length'] = String(body.length);
  return new Promise((resolve) => {
    let answered = false;
    let status: number | undefined;
    let text = '';
    const done = (error?: string) => {
      if (answered) return;
      answered = true;
      resolve(error === undefined ? { status, body: text } : { status, body: text, error });
    };
    const req = request(
      {
        hostname,
        port,
        path: options.path ?? '/',
        method: options.method ?? 'POST',
        headers,
        agent: false,
        timeout: 5000,
      },
      (response) => {
        status = response.statusCode;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => done());
        response.on('error', (error) => done(error.message));
      },
    );
    req.on('error', (error) => done(error.message));
    req.on('timeout', () => req.destroy(new Error('timed out')));
    const chunkBytes = options.chunkBytes ?? 64 * 1024;
    let offset = 0;
    const writeMore = () => {
      while (offset < body.length && status === undefined && !req.destroyed) {
        const chunk = body.subarray(offset, offset + chunkBytes);
        offset += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', writeMore);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    writeMore();
  });
}
