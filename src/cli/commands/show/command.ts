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
  addPayloadOptions(command, { formsList: true })
    .option('--compact', 'print compact JSON on one line, as Vonage sends it')
    .option('--json', "with --forms list: print the event's forms as JSON")
    .addHelpText(
      'after',
      `
With --parts, every part is printed as a JSON array.

--forms chooses how the fields that real traffic sends in more than one form look: documented (the
default, as the docs write them), any (each drawn by the seed), or named forms, group=form pairs
separated by commas or given in several --forms. --forms list prints the event's groups and forms
with their sources instead of a payload (--json for JSON).

Examples:
  $ vws show sms.inbound
  $ vws show sms.delivery_receipt.failed --seed 42 --set err-code=6 --set client-ref=order-17
  $ vws show messages.status.read --ref-date 2025-06-01T10:00:00Z
  $ vws show messages.inbound.whatsapp.text --webhook-version v0.1
  $ vws show sms.inbound.concatenated --parts 4 --compact
  $ vws show messages.status.read --forms list
  $ vws show messages.status.read --seed 7 --forms timestamp=seconds
  $ vws show sms.inbound --forms any --seed 3`,
    )
    .action((event: string, options: ShowCliOptions) => runShow(io, event, options));
}
