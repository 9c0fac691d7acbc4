import type { RouteSpec } from '../conversation.js';

/** A number field of an NCCO action clamped to `min`–`max`, else `fallback`. */
export const num = (value: unknown, fallback: number, min: number, max: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;

/** A string field of an NCCO action, else `undefined`. */
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** An HTTP method field of an NCCO action, else `fallback`. */
export const methodOf = (value: unknown, fallback: 'GET' | 'POST'): 'GET' | 'POST' =>
  value === 'GET' || value === 'POST' ? value : fallback;

/** The route an action's `eventUrl`/`eventMethod` names, when it names one. */
export function actionRoute(
  action: Record<string, unknown>,
  fallbackMethod: 'GET' | 'POST' = 'POST',
): RouteSpec | undefined {
  const urls = action.eventUrl;
  const url = Array.isArray(urls) ? str(urls[0]) : str(urls);
  return url === undefined ? undefined : { url, method: methodOf(action.eventMethod, fallbackMethod) };
}
