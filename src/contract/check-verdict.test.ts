import { describe, expect, it } from 'vitest';
import type { DeliveryResult } from '../delivery/delivery-result.js';
import { judgeRejection, judgeVariant, toRange } from './check-verdict.js';

const answered = (status: number | null, outcome = 'rejected'): DeliveryResult =>
  ({ status, outcome, error: null, nccoIssues: [] }) as unknown as DeliveryResult;
const range = toRange(undefined, '400-599');

describe('judgeRejection (issue 11)', () => {
  it('says "rejected, as it should" for a status in the range (issue 11)', () => {
    expect(judgeRejection(answered(401), range, 'wrong-secret')).toEqual({
      passed: true,
      message: 'answered 401 to a webhook signed with the wrong secret (forged): rejected, as it should',
    });
  });

  it('says "ACCEPTED a forged webhook" only for a status Vonage counts as delivered (issue 11)', () => {
    const verdict = judgeRejection(answered(200, 'accepted'), range, 'tampered-body');
    expect(verdict.passed).toBe(false);
    expect(verdict.message).toMatch(
      /^accepted a webhook whose body was changed after signing with 200: ACCEPTED a forged webhook/,
    );
  });

  it.each([
    [302, 'answered 302 (a redirect, not followed) to an unsigned webhook: expected a rejection (400-599).'],
    [
      206,
      'answered 206 (a success Vonage does not count as delivered) to an unsigned webhook: expected a rejection (400-599).',
    ],
  ])('says what a %i did instead of calling it accepted (issue 11)', (status, message) => {
    expect(judgeRejection(answered(status), range, 'unsigned')).toEqual({ passed: false, message });
  });

  it('names a status outside a narrow range without calling it accepted (issue 11)', () => {
    expect(judgeRejection(answered(403), toRange('401', '400-599'), 'stale').message).toBe(
      'answered 403 to a webhook signed an hour ago (replayed): expected a rejection (401).',
    );
  });
});

describe('judgeVariant (issue 12)', () => {
  const words = {
    what: 'to timestamp=seconds (2026-01-18T15:02:25Z; seen in a capture)',
    why: 'real traffic has both forms',
  };
  const success = toRange(undefined, '200-205');

  it('passes as a delivery does, with the same message', () => {
    expect(
      judgeVariant({ ...answered(204, 'accepted'), durationMs: 3 } as DeliveryResult, success, words),
    ).toEqual({
      passed: true,
      message: 'answered 204 in 3 ms',
    });
  });

  it('says what the app did to which variant and why it matters', () => {
    expect(judgeVariant(answered(400), success, words)).toEqual({
      passed: false,
      message:
        'answered 400 to timestamp=seconds (2026-01-18T15:02:25Z; seen in a capture): real traffic has both forms',
    });
  });

  it('names a reset instead of a status', () => {
    expect(judgeVariant(answered(null, 'connection_reset'), success, words).message).toBe(
      'the receiver reset the connection (it crashed or dropped the request) to timestamp=seconds (2026-01-18T15:02:25Z; seen in a capture): real traffic has both forms',
    );
  });
});
