import type { CliIo } from '../../shared/io.js';
import { buildPayloads, reportSeed } from '../../shared/payload-factory.js';
import type { ShowCliOptions } from './options.js';

/** Runs `vws show <event>`: the payload as JSON on stdout (every part, as an array, with `--parts`). */
export async function runShow(io: CliIo, event: string, options: ShowCliOptions): Promise<void> {
  const built = await buildPayloads(io, event, options);
  const output = options.parts === undefined ? built.payloads[0] : built.payloads;
  io.stdout.write(`${options.compact ? JSON.stringify(output) : JSON.stringify(output, null, 2)}\n`);
  reportSeed(io, built);
}
