import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { addPayloadOptions, buildPayloads, type PayloadOptions, reportSeed } from '../payload-options.js';

interface ShowOptions extends PayloadOptions {
  readonly compact?: boolean;
}

/** `vws show <event>`: the payload as JSON on stdout. */
export function registerShow(program: Command, io: CliIo): void {
  const command = program
    .command('show')
    .description('Print the payload of one webhook as JSON')
    .argument('<event>', 'event name or family name (see "vws list")');
  addPayloadOptions(command)
    .option('--compact', 'print compact JSON on one line, as Vonage sends it')
    .addHelpText(
      'after',
      `
With --parts, every part is printed as a JSON array.

Examples:
  $ vws show sms.inbound
  $ vws show sms.delivery_receipt.failed --seed 42 --set err-code=6 --set client-ref=order-17
  $ vws show messages.status.read --ref-date 2025-06-01T10:00:00Z
  $ vws show messages.inbound.whatsapp.text --webhook-version v0.1
  $ vws show sms.inbound.concatenated --parts 4 --compact`,
    )
    .action(async (event: string, options: ShowOptions) => {
      const built = await buildPayloads(io, event, options);
      const output = options.parts === undefined ? built.payloads[0] : built.payloads;
      io.stdout.write(`${options.compact ? JSON.stringify(output) : JSON.stringify(output, null, 2)}\n`);
      reportSeed(io, built);
    });
}
