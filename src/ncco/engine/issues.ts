// Where the checks of an NCCO put what they find: errors and warnings, each with its JSON path.

/** One problem in an NCCO: where (a JSON path such as `$[1].eventUrl`) and why. */
export interface NccoIssue {
  readonly path: string;
  readonly reason: string;
}

/**
 * The outcome of `validateNcco`: `issues` are errors (Vonage would reject the NCCO or the call
 * would not do what it says); `warnings` are accepted but suspicious (unknown keys, legacy spellings,
 * values Vonage clamps). `strict` turns warnings into issues.
 */
export type NccoValidationResult =
  | { readonly valid: true; readonly issues: readonly []; readonly warnings: readonly NccoIssue[] }
  | { readonly valid: false; readonly issues: readonly NccoIssue[]; readonly warnings: readonly NccoIssue[] };

/** The issues and warnings gathered while checking one NCCO or response. */
export interface Context {
  readonly issues: NccoIssue[];
  readonly warnings: NccoIssue[];
  readonly strict: boolean;
}

/** An empty {@link Context}; `strict` reports warnings as issues. */
export function createContext(strict: boolean): Context {
  return { issues: [], warnings: [], strict };
}

/** Records an error at `path`. */
export function fail(ctx: Context, path: string, reason: string): void {
  ctx.issues.push({ path, reason });
}

/** Records a warning at `path` (an error in strict mode). */
export function warn(ctx: Context, path: string, reason: string): void {
  (ctx.strict ? ctx.issues : ctx.warnings).push({ path, reason });
}

/** The result of a check: valid when no issue was recorded. */
export function toResult(ctx: Context): NccoValidationResult {
  return ctx.issues.length === 0
    ? { valid: true, issues: [], warnings: ctx.warnings }
    : { valid: false, issues: ctx.issues, warnings: ctx.warnings };
}
