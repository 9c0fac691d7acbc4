import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two strings in constant time for their length: the length is checked first (it is not
 * secret for a signature of a known algorithm), then every byte is compared.
 *
 * @example
 * ```ts
 * import { constantTimeEqual } from 'vonage-webhook-simulator';
 * constantTimeEqual('abc', 'abc'); // true
 * ```
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
