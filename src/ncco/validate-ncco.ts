import { ownValue } from '../internal/own-value.js';
import { actionName, actionShapes } from './actions/action-shapes.js';
import { checkBargeIn } from './actions/barge-in.js';
import { payAction } from './actions/pay.js';
import {
  type Context,
  createContext,
  fail,
  type NccoIssue,
  type NccoValidationResult,
  toResult,
} from './engine/issues.js';
import { child, has, isObject, type JsonObject, kind } from './engine/json-value.js';
import { checkShape } from './engine/shape.js';
import { nccoActions } from './ncco-rules.js';

// NCCO validation for the answer URL and the NCCO-returning event URLs (reference ncco.md; decisions
// 060-064). Hand-written on purpose: it runs on the delivery path for every answer, needs no runtime
// dependency, and says in one sentence per problem where it is, what is wrong and what is allowed.
// The rules are the shapes in `actions/`; `nccoSchema` is derived from the same shapes.

/** How {@link validateNcco} judges what is not plainly wrong. */
export interface ValidateNccoOptions {
  /** Report warnings (unknown keys, legacy spellings, clamped values) as issues. Default `false`. */
  readonly strict?: boolean;
  /** Check `pay` actions (a withdrawn 2021 Developer Preview) instead of rejecting them. Default `false`. */
  readonly allowPay?: boolean;
}

function checkPay(value: JsonObject, path: string, options: ValidateNccoOptions, ctx: Context): void {
  if (options.allowPay === true) {
    checkShape(value, path, payAction, ctx, 'action');
  } else {
    fail(
      ctx,
      child(path, 'action'),
      'pay is not a current NCCO action (a 2021 Developer Preview, gone from the NCCO reference; the Java SDK deprecates it); pass allowPay to check it anyway',
    );
  }
}

function checkAction(value: unknown, path: string, options: ValidateNccoOptions, ctx: Context): void {
  if (!isObject(value)) {
    fail(ctx, path, `each NCCO element must be an action object ({ "action": ... }), got ${kind(value)}`);
    return;
  }
  const at = child(path, 'action');
  if (!has(value, 'action')) {
    fail(ctx, at, `action is required: one of ${nccoActions.join(', ')}`);
    return;
  }
  if (value.action === 'pay') {
    checkPay(value, path, options, ctx);
    return;
  }
  actionName.check(value.action, at, 'action', ctx);
  // An own-property lookup: `constructor` or `toString` is an unknown action, not Object's method.
  const shape = typeof value.action === 'string' ? ownValue(actionShapes, value.action) : undefined;
  if (shape === undefined) return;
  checkShape(value, path, shape, ctx, 'action');
}

/**
 * Validates a parsed NCCO (the JSON an answer URL or an NCCO-returning event URL returns) against
 * the current NCCO reference and returns every problem with its JSON path, never stopping at the
 * first. Unknown keys are warnings (Vonage ignores them); `strict` makes them errors.
 *
 * @example
 * ```ts
 * import { validateNcco } from 'vonage-webhook-simulator';
 * const result = validateNcco([{ action: 'talk', text: 'Hi', bargeIn: true }, { action: 'record', eventUrl: 'https://example.com/r' }]);
 * if (!result.valid) for (const issue of result.issues) console.log(issue.path, issue.reason);
 * // $[1].eventUrl eventUrl must be an array of one URL, got a string (write ["https://example.com/r"])
 * // $[0].bargeIn bargeIn: true needs an input action later in the NCCO to collect the key press; none follows
 * ```
 * @see https://developer.vonage.com/en/voice/voice-api/ncco-reference
 */
export function validateNcco(value: unknown, options: ValidateNccoOptions = {}): NccoValidationResult {
  const ctx = createContext(options.strict === true);
  if (!Array.isArray(value)) {
    const hint = isObject(value) && has(value, 'action') ? ' (wrap the action in [ ])' : '';
    fail(ctx, '$', `an NCCO must be a JSON array of actions, got ${kind(value)}${hint}`);
    return toResult(ctx);
  }
  if (value.length === 0) {
    fail(ctx, '$', 'an NCCO must hold at least one action, got an empty array');
    return toResult(ctx);
  }
  value.forEach((action, index) => {
    checkAction(action, child('$', index), options, ctx);
  });
  checkBargeIn(value, ctx);
  return toResult(ctx);
}

/**
 * Formats issues one per line (`  $[1].eventUrl: eventUrl must be ...`) for error messages and the CLI.
 *
 * @example
 * ```ts
 * import { formatNccoIssues, validateNcco } from 'vonage-webhook-simulator';
 * const result = validateNcco({ action: 'talk', text: 'Hi' });
 * console.log(formatNccoIssues(result.issues)); // "  $: an NCCO must be a JSON array of actions, got an object (wrap the action in [ ])"
 * ```
 */
export function formatNccoIssues(issues: readonly NccoIssue[], indent = '  '): string {
  return issues.map((issue) => `${indent}${issue.path}: ${issue.reason}`).join('\n');
}
