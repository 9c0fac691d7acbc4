import type { ShowFormsChoice } from '../../shared/forms-option.js';
import type { PayloadOptions } from '../../shared/payload-options.js';

/** `vws show` options after parsing: the payload options and how to print the JSON. */
export interface ShowCliOptions extends Omit<PayloadOptions, 'forms'> {
  readonly compact?: boolean;
  /** `--forms`: a payload's forms, or `list` to print the event's forms instead of a payload. */
  readonly forms?: ShowFormsChoice;
  /** With `--forms list`: print the event's forms as JSON. */
  readonly json?: boolean;
}
