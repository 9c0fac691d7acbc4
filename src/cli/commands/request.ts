import { type Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { addPayloadOptions, type PayloadOptions } from '../payload-options.js';
import { addSigningOptions, type SigningCliOptions } from '../signing-options.js';

/** `vws request` options after parsing. */
export interface RequestOptions extends PayloadOptions, SigningCliOptions {
  readonly curl?: boolean;
  readonly json?: boolean;
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
      const { runRequest } = await import('../actions/request-action.js');
      return runRequest(io, event, options);
    });
}
