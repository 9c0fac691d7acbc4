import type { PayloadOptions } from '../../shared/payload-options.js';
import type { SigningCliOptions } from '../../shared/signing-options.js';

/** `vws request` options after parsing: the payload and signing options and the output form. */
export interface RequestCliOptions extends PayloadOptions, SigningCliOptions {
  readonly curl?: boolean;
  readonly json?: boolean;
}
