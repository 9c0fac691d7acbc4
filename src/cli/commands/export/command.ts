import { Argument, type Command, InvalidArgumentError } from 'commander';
import type { CliIo } from '../../shared/io.js';
import { MAX_WHOLE_NUMBER } from '../../shared/option-parsers.js';
import { addPayloadOptions } from '../../shared/payload-options.js';
import { addSigningOptions } from '../../shared/signing-options.js';
import type { ExportCliOptions } from './options.js';

/** Commander parser for `--rate` and `--duration`: a whole number from 1. */
function parseWhole(example: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < 1 || number > MAX_WHOLE_NUMBER)
      throw new InvalidArgumentError(`Use a whole number of 1 or more, e.g. ${example}.`);
    return number;
  };
}

/** `vws export artillery <event...>`: a ready Artillery scenario that sends the webhooks. */
export function registerExport(program: Command, io: CliIo): void {
  const command = program
    .command('export')
    .description('Write a load-test scenario for another engine: artillery (see "vws export --help")')
    .addArgument(new Argument('<engine>', 'the engine').choices(['artillery']))
    .argument('<event...>', 'event or family names (see "vws list"); several are mixed by the seed');
  addSigningOptions(addPayloadOptions(command))
    .requiredOption(
      '--rate <n>',
      'new virtual users per second, each sending one webhook',
      parseWhole('--rate 50'),
    )
    .requiredOption('--duration <s>', 'how long the load lasts, in seconds', parseWhole('--duration 60'))
    .option('--out <file>', 'write the scenario to this file (and the processor module beside it)')
    .option(
      '--processor <path>',
      'config.processor of the scenario, relative to it (default: ./vws-artillery-processor.mjs)',
    )
    .addHelpText(
      'after',
      `
The scenario sends each request through the processor vonage-webhook-simulator/artillery: every
virtual user generates fresh payloads from its own seed (drawn from --seed), signs and shapes them
as Vonage does, and each answer is counted by Vonage's rule as vonage.accepted, vonage.rejected
(not 200-205) or vonage.invalid_ncco (an NCCO Vonage would reject); the scenario's ensure check
fails the run on any rejection. Artillery loads config.processor from a file: with --out the
one-line module ./vws-artillery-processor.mjs is written beside the scenario (install Artillery and
vonage-webhook-simulator where the scenario runs).

The signature secret is written into the scenario only when --signature-secret is given; otherwise
the processor reads VONAGE_SIGNATURE_SECRET (and VONAGE_API_KEY, VONAGE_APPLICATION_ID) where
Artillery runs.

Examples:
  $ vws export artillery sms.delivery_receipt --url http://127.0.0.1:3000/webhooks/delivery-receipt --rate 50 --duration 60 --out dlr.yml
  $ artillery run dlr.yml --output report.json
  $ vws export artillery messages.status.delivered messages.status.read --url https://staging.example.com/webhooks/status --rate 200 --duration 300 --seed 42 --out status.yml`,
    )
    .action(async (_engine: string, events: string[], options: ExportCliOptions) => {
      const { runExport } = await import('./action.js');
      return runExport(io, events, options);
    });
}
