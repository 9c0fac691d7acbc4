import { type Context, fail, warn } from '../engine/issues.js';
import { child, isObject } from '../engine/json-value.js';

// A rule across actions, so it runs over the whole NCCO rather than in one action's shape. JSON
// Schema cannot say it (decision 060).

/**
 * A talk or stream with `bargeIn: true` needs an input later in the NCCO to collect the key press
 * (doc-ncco). The reference is stricter, "the next non-talk action must be an input": an input that
 * comes only after some other action is a warning.
 */
export function checkBargeIn(actions: readonly unknown[], ctx: Context): void {
  actions.forEach((action, index) => {
    if (
      !isObject(action) ||
      (action.action !== 'talk' && action.action !== 'stream') ||
      action.bargeIn !== true
    )
      return;
    const rest = actions.slice(index + 1);
    const offset = rest.findIndex((next) => isObject(next) && next.action === 'input');
    const path = child(child('$', index), 'bargeIn');
    if (offset === -1) {
      fail(
        ctx,
        path,
        `bargeIn: true needs an input action later in the NCCO to collect the key press; none follows`,
      );
      return;
    }
    const between = rest
      .slice(0, offset)
      .findIndex((next) => !isObject(next) || (next.action !== 'talk' && next.action !== 'stream'));
    if (between !== -1) {
      const other = rest[between];
      const label = isObject(other) && typeof other.action === 'string' ? other.action : 'element';
      warn(
        ctx,
        path,
        `the ${label} at $[${index + 1 + between}] comes between this bargeIn ${String(action.action)} and its input; the NCCO reference wants the input next`,
      );
    }
  });
}
