// Loaded only when `vws request` runs: it brings in the signing code (node:crypto).
import { type RequestParts, toRequestParts } from '../../../delivery/to-request.js';
import { getEvent } from '../../../fixtures/catalog.js';
import type { CliIo } from '../../shared/io.js';
import { buildPayloads, reportSeed } from '../../shared/payload-factory.js';
import { toRequestOptionsFrom } from '../../shared/signing-options.js';
import type { RequestCliOptions } from './options.js';

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** A runnable curl command for the request. */
export function toCurl(parts: RequestParts): string {
  const lines = [`curl -sS -X ${parts.method} ${shellQuote(parts.url)}`];
  for (const [name, value] of parts.headers) lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
  if (parts.body !== null) lines.push(`  --data-raw ${shellQuote(parts.body)}`);
  return lines.join(' \\\n');
}

/** The request as HTTP/1.1 text: request line, headers, blank line, body. */
export function toHttpText(parts: RequestParts): string {
  const url = new URL(parts.url);
  const head = [`${parts.method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`];
  for (const [name, value] of parts.headers) head.push(`${name}: ${value}`);
  if (parts.body !== null) head.push(`content-length: ${Buffer.byteLength(parts.body)}`);
  return `${head.join('\n')}\n\n${parts.body ?? ''}`;
}

/** Runs `vws request`: prints the request(s) as HTTP text, JSON or curl. */
export async function runRequest(io: CliIo, event: string, options: RequestCliOptions): Promise<void> {
  const requestOptions = toRequestOptionsFrom(io, getEvent(event), options);
  const built = await buildPayloads(io, event, options);
  const { entry } = built;
  const parts = built.payloads.map((payload) =>
    toRequestParts({ name: entry.name, payload }, requestOptions),
  );
  if (options.json) {
    const json = parts.map(({ method, url, headers, body }) => ({
      method,
      url,
      headers: Object.fromEntries(headers),
      body,
    }));
    io.stdout.write(`${JSON.stringify(options.parts === undefined ? json[0] : json, null, 2)}\n`);
    reportSeed(io, built);
    return;
  }
  const render = options.curl ? toCurl : toHttpText;
  io.stdout.write(`${parts.map(render).join('\n\n')}\n`);
  reportSeed(io, built);
  if (!parts[0]?.signed && entry.signing !== 'none') {
    io.stderr.write(
      `vws: note: unsigned; Vonage ${entry.signedByDefault ? 'signs this webhook by default' : 'signs it when signing is on'}: pass --signature-secret (or set VONAGE_SIGNATURE_SECRET).\n`,
    );
  }
}
