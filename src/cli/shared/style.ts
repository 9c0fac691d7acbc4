import type { CliIo } from './io.js';

/** Colours for a terminal; none when NO_COLOR is set or the stream is not a TTY. */
export interface Style {
  readonly ok: (text: string) => string;
  readonly bad: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const plain = (text: string) => text;

/** The style of one output stream. */
export function createStyle(io: CliIo, stream: 'stdout' | 'stderr' = 'stdout'): Style {
  const colour = io[stream].isTTY === true && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
  if (!colour) return { ok: plain, bad: plain, dim: plain, bold: plain };
  const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
  return { ok: wrap(32, 39), bad: wrap(31, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}
