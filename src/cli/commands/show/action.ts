import { VwsError } from '../../../errors.js';
import type { CliIo } from '../../shared/io.js';
import { buildPayloads, reportSeed } from '../../shared/payload-factory.js';
import type { ShowCliOptions } from './options.js';
import { printForms } from './print-forms.js';

/** Runs `vws show <event>`: the payload as JSON on stdout (every part, as an array, with `--parts`). */
export async function runShow(io: CliIo, event: string, options: ShowCliOptions): Promise<void> {
  const { forms, json, ...payloadOptions } = options;
  if (forms === 'list') {
    printForms(io, event, options);
    return;
  }
  if (json) {
    throw new VwsError(
      'VWS_ERR_USAGE',
      '--json applies to --forms list (the payload is printed as JSON already): drop --json.',
    );
  }
  const built = await buildPayloads(io, event, {
    ...payloadOptions,
    ...(forms === undefined ? {} : { forms }),
  });
  const output = options.parts === undefined ? built.payloads[0] : built.payloads;
  io.stdout.write(`${options.compact ? JSON.stringify(output) : JSON.stringify(output, null, 2)}\n`);
  reportSeed(io, built);
}
