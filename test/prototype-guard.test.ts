// The guard the hostile-input tests lean on can fail (issue 11).
import { describe, expect, it } from 'vitest';
import { prototypeUntouched } from './support/prototype-guard.js';

describe('prototypeUntouched (issue 11)', () => {
  it('sees a planted member and an added own name, and nothing once they are gone', () => {
    expect(prototypeUntouched()).toBe(true);
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.polluted = 'yes';
    try {
      expect(prototypeUntouched()).toBe(false);
    } finally {
      delete prototype.polluted;
    }
    Object.defineProperty(Array.prototype, 'vwsProbe', { value: 1, configurable: true, enumerable: false });
    try {
      expect(prototypeUntouched()).toBe(false);
    } finally {
      delete (Array.prototype as unknown as Record<string, unknown>).vwsProbe;
    }
    expect(prototypeUntouched()).toBe(true);
  });
});
