import type { Command } from 'commander';
import type { CliIo } from '../../shared/io.js';
import { addPayloadOptions } from '../../shared/payload-options.js';
import { runShow } from './action.js';
import type { ShowCliOptions } from './options.js';

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
    .action((event: string, options: ShowCliOptions) => runShow(io, event, options));
}
