// NCCO validation (reference 3.4). Owned by the NCCO work; the sender imports `validateNcco`.

/** One problem in an NCCO: where (a JSON path such as `$[1].eventUrl`) and why. */
export interface NccoIssue {
  readonly path: string;
  readonly reason: string;
}

/** The outcome of {@link validateNcco}. */
export type NccoValidationResult = { readonly valid: true } | { readonly valid: false; readonly issues: readonly NccoIssue[] };

/** Validates a parsed NCCO (the JSON an answer URL returns). */
export function validateNcco(value: unknown): NccoValidationResult {
  throw new Error(`validateNcco is not written yet (${typeof value})`);
}
