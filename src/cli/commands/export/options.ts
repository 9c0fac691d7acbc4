import type { PayloadOptions } from '../../shared/payload-options.js';
import type { SigningCliOptions } from '../../shared/signing-options.js';

/** `vws export artillery` options after parsing. */
export interface ExportCliOptions extends PayloadOptions, SigningCliOptions {
  readonly rate: number;
  readonly duration: number;
  readonly out?: string;
  readonly processor?: string;
}
