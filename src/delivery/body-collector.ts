import { StringDecoder } from 'node:string_decoder';

/** Keeps the first `limit` bytes of a body (and all of it, up to a cap, when the body must be parsed). */
export class BodyCollector {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  push(chunk: Uint8Array): void {
    if (this.size >= this.limit) {
      this.truncated = true;
      return;
    }
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.chunks.push(buffer);
    this.size += buffer.length;
  }

  /** The collected text up to `bytes`, cut on a character boundary. */
  text(bytes: number): { text: string; truncated: boolean } {
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const cut = all.length > bytes;
    const text = new StringDecoder('utf8').write(cut ? all.subarray(0, bytes) : all);
    return { text, truncated: cut || this.truncated };
  }
}

/** Reads a web stream into a collector, cancelling it once `limit` bytes are exceeded. */
export async function readWebBody(
  body: ReadableStream<Uint8Array> | null,
  collector: BodyCollector,
  limit: number,
): Promise<void> {
  if (body === null) return;
  const reader = body.getReader();
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    collector.push(value);
    read += value.byteLength;
    if (read > limit) {
      collector.truncated = true;
      await reader.cancel();
      return;
    }
  }
}
