import { describe, expect, it } from 'vitest';
import { inRange, judge } from './judge-response.js';

const range = { min: 200, max: 205 };
const json = { 'content-type': 'application/json' };

describe('inRange', () => {
  it('includes both ends', () => {
    expect([199, 200, 205, 206].map((status) => inRange(status, range))).toEqual([false, true, true, false]);
  });
});

describe('judge', () => {
  it('accepts a success status without reading the body when the answer is ignored', () => {
    expect(judge(204, {}, null, false, 'ignored', range, 'POST x').ok).toBe(true);
  });

  it('tells a redirect from another failure status', () => {
    expect(judge(301, { location: '/b' }, null, false, 'ignored', range, 'POST x')).toMatchObject({
      code: 'VWS_ERR_DELIVERY_REDIRECT',
    });
    expect(judge(418, {}, null, false, 'ignored', range, 'POST x').code).toBe('VWS_ERR_DELIVERY_STATUS');
  });

  it('returns the parsed NCCO of a valid answer', () => {
    const ncco = [{ action: 'talk', text: 'Hi' }];
    expect(judge(200, json, JSON.stringify(ncco), false, 'ncco', range, 'GET x')).toMatchObject({
      ok: true,
      ncco,
    });
  });

  it('fails an NCCO that is not JSON with the path $', () => {
    const verdict = judge(200, json, '<html>', false, 'ncco', range, 'GET x');
    expect(verdict.code).toBe('VWS_ERR_DELIVERY_NCCO_INVALID');
    expect(verdict.nccoIssues[0]?.path).toBe('$');
    expect(verdict.message).toContain('NCCO');
  });

  it('fails a truncated NCCO body without parsing it', () => {
    expect(judge(200, json, '[', true, 'ncco', range, 'GET x').nccoIssues[0]?.reason).toMatch(/larger than/);
  });

  it('reads an NCCO under a custom success status outside 200-205', () => {
    const wide = { min: 200, max: 299 };
    expect(judge(299, json, '[{"action":"talk","text":"Hi"}]', false, 'ncco', wide, 'GET x').ok).toBe(true);
  });
});
