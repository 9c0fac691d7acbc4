import { VwsError } from '../../../errors.js';
import { type ApiName, apiNames } from '../../../fixtures/shared/define-event.js';

/** `vws list` options after parsing. */
export interface ListCliOptions {
  readonly api?: string;
  readonly json?: boolean;
}

/** The catalog filter `--api` asks for; an API the catalog does not know is a usage error. */
export function toListFilter(options: ListCliOptions): { api?: ApiName } {
  if (options.api !== undefined && !(apiNames as readonly string[]).includes(options.api)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Unknown API "${options.api}": use one of ${apiNames.join(', ')}.`,
    );
  }
  return options.api === undefined ? {} : { api: options.api as ApiName };
}
