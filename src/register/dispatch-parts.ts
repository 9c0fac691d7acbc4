/**
 * What an undici `dispatch()` call receives, as far as the routing reads it. Typed structurally
 * because two undici copies dispatch through it: the one bundled in Node (6.x in Node 20, behind the
 * global `fetch`) and the npm `undici` an app may use (7.x).
 */
export interface DispatchOptions {
  readonly origin?: string | URL | null;
  readonly path: string;
  readonly method: string;
  readonly headers?: unknown;
  readonly body?: unknown;
  readonly upgrade?: string | null;
  readonly [option: string]: unknown;
}

function toText(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
}

/**
 * The header pairs of dispatch options, in any of the shapes undici accepts: a flat
 * `[name, value, ...]` array, an iterable of `[name, value]` pairs (`Headers`, `Map`), or an object
 * whose values are strings or arrays of strings.
 */
export function toHeaderPairs(headers: unknown): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (headers === null || headers === undefined) return pairs;
  if (Array.isArray(headers)) {
    if (headers.every((entry) => Array.isArray(entry))) {
      for (const [name, value] of headers as unknown[][]) pairs.push([toText(name), toText(value)]);
      return pairs;
    }
    for (let index = 0; index + 1 < headers.length; index += 2) {
      pairs.push([toText(headers[index]), toText(headers[index + 1])]);
    }
    return pairs;
  }
  if (typeof headers !== 'object') return pairs;
  if (Symbol.iterator in headers) {
    for (const entry of headers as Iterable<unknown>) {
      if (Array.isArray(entry)) pairs.push([toText(entry[0]), toText(entry[1])]);
    }
    return pairs;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) pairs.push([name, toText(item)]);
    else pairs.push([name, toText(value)]);
  }
  return pairs;
}

function toBuffer(chunk: unknown): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (ArrayBuffer.isView(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return Buffer.from(chunk);
  throw new TypeError(`vonage-webhook-simulator: cannot read a request body chunk of type ${typeof chunk}`);
}

/**
 * Reads a dispatch body whole: a string, bytes, a `Blob`, or a (async) iterable of chunks such as a
 * stream or the generator Node's fetch passes. `null` when there is none or it is empty. Request
 * bodies to Vonage are small JSON or form documents, so holding one in memory is fine.
 */
export async function readDispatchBody(body: unknown): Promise<Buffer | null> {
  if (body === null || body === undefined) return null;
  let bytes: Buffer;
  if (typeof body === 'string' || ArrayBuffer.isView(body) || body instanceof ArrayBuffer) {
    bytes = toBuffer(body);
  } else if (
    typeof (body as Blob).arrayBuffer === 'function' &&
    typeof (body as Blob).stream === 'function'
  ) {
    bytes = Buffer.from(await (body as Blob).arrayBuffer());
  } else if (typeof body === 'object' && (Symbol.asyncIterator in body || Symbol.iterator in body)) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) chunks.push(toBuffer(chunk));
    bytes = Buffer.concat(chunks);
  } else {
    throw new TypeError(`vonage-webhook-simulator: cannot read a request body of type ${typeof body}`);
  }
  return bytes.length === 0 ? null : bytes;
}
