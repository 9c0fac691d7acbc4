import { describe, expect, it } from 'vitest';
import * as root from 'vonage-webhook-simulator';
import * as fixtures from 'vonage-webhook-simulator/fixtures';
import * as msw from 'vonage-webhook-simulator/msw';

// A change to the public API shows up here as a snapshot diff: review it, then update the snapshot
// (npx vitest run test/public-api.test.ts -u) in the same commit.
describe('public API', () => {
  it('exports these names from vonage-webhook-simulator', () => {
    expect(Object.keys(root).sort()).toMatchSnapshot();
  });

  it('exports these names from vonage-webhook-simulator/fixtures', () => {
    expect(Object.keys(fixtures).sort()).toMatchSnapshot();
  });

  it('exports these names from vonage-webhook-simulator/msw', () => {
    expect(Object.keys(msw).sort()).toMatchSnapshot();
  });

  it('exports everything of ./fixtures from the root too', () => {
    expect(Object.keys(root)).toEqual(expect.arrayContaining(Object.keys(fixtures)));
  });
});
