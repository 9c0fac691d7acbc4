import { describe, expect, it } from 'vitest';
import { isNestedDeeperThan } from './nesting-depth.js';

describe('isNestedDeeperThan (issue 11)', () => {
  it('counts arrays and objects, not scalars (issue 11)', () => {
    expect(isNestedDeeperThan('text', 0)).toBe(false);
    expect(isNestedDeeperThan(null, 0)).toBe(false);
    expect(isNestedDeeperThan([], 0)).toBe(true);
    expect(isNestedDeeperThan([], 1)).toBe(false);
    expect(isNestedDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(isNestedDeeperThan({ a: [1, { b: [] }] }, 3)).toBe(true);
  });

  it('measures the deepest branch, wherever it is (issue 11)', () => {
    expect(isNestedDeeperThan([1, [2], [[3]], 4], 3)).toBe(false);
    expect(isNestedDeeperThan([1, [2], [[[3]]], 4], 3)).toBe(true);
  });

  it('measures 1,000,000 levels without overflowing the stack (issue 11)', () => {
    const deep = JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`);
    expect(isNestedDeeperThan(deep, 64)).toBe(true);
  });

  it('counts a shared value at its deepest place, and a value containing itself as too deep (issue 11)', () => {
    const shared = [[[1]]];
    expect(isNestedDeeperThan([shared, [[shared]]], 6)).toBe(false);
    expect(isNestedDeeperThan([shared, [[shared]]], 5)).toBe(true);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(isNestedDeeperThan(cyclic, 64)).toBe(true);
  });
});
