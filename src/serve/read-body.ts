import type { IncomingMessage } from 'node:http';

/** The most a request body may hold: far above any Vonage API request (an NCCO, a long SMS). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a request body, or resolves `null` once it passes `limit` bytes (the rest is drained). */
export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
