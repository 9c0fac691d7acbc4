import { type Command, Option } from 'commander';
import { type RequestParts, toRequestParts } from '../../delivery/to-request.js';
import { getEvent } from '../../fixtures/catalog.js';
import type { CliIo } from '../io.js';
import { addPayloadOptions, buildPayloads, type PayloadOptions, reportSeed } from '../payload-options.js';
import { addSigningOptions, type SigningCliOptions, toRequestOptionsFrom } from '../signing-options.js';

interface RequestOptions extends PayloadOptions, SigningCliOptions {
  readonly curl?: boolean;
  readonly json?: boolean;
}

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

/** `vws request <event>`: the exact HTTP request Vonage would send, without sending it. */
export function registerRequest(program: Command, io: CliIo): void {
  const command = program
    .command('request')
    .description(
      'Print the exact HTTP request Vonage would send for a webhook (or a curl command), without sending it',
    )
    .argument('<event>', 'event name or family name (see "vws list")');
  addSigningOptions(addPayloadOptions(command))
    .addOption(new Option('--curl', 'print a runnable curl command instead').conflicts('json'))
    .option('--json', 'print {method, url, headers, body} as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ vws request sms.inbound --format query --signature-secret s3cret --signature-method sha256
  $ vws request messages.status.delivered --url https://example.test/status --api-key a1b2c3d4 --signature-secret s3cret --curl
  $ vws request voice.answer --signing-mode tampered-body --signature-secret s3cret --api-key a1b2c3d4`,
    )
    .action(async (event: string, options: RequestOptions) => {
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
    });
}
