import { type Command, Option } from 'commander';
import type { CliIo } from '../../shared/io.js';
import { addPayloadOptions } from '../../shared/payload-options.js';
import { addSigningOptions } from '../../shared/signing-options.js';
import type { RequestCliOptions } from './options.js';

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
  $ vws request voice.answer --signing-mode tampered-body --signature-secret s3cret --api-key a1b2c3d4
  $ vws request messages.status.read --forms timestamp=seconds --json`,
    )
    .action(async (event: string, options: RequestCliOptions) => {
      const { runRequest } = await import('./action.js');
      return runRequest(io, event, options);
    });
}
