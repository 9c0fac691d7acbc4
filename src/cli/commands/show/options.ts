import type { PayloadOptions } from '../../shared/payload-options.js';

/** `vws show` options after parsing: the payload options and how to print the JSON. */
export interface ShowCliOptions extends PayloadOptions {
  readonly compact?: boolean;
}
