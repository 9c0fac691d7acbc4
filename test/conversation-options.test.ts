// Issue 9 (docs/decisions/107): the options and pushes of the conversation engine refuse what they
// cannot use with one line, and chaos stays a layer over a conversation.
import { describe, expect, it } from 'vitest';
import { createFakeVonage, isVwsError } from 'vonage-webhook-simulator';
import { parseEndUser } from '../src/cli/commands/serve/command.js';
import { createRecordingDeliver } from './support/recording-deliver.js';

const webhooks = { answerUrl: 'http://127.0.0.1:3000/answer', eventUrl: 'http://127.0.0.1:3000/event' };

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('createFakeVonage options of the engine', () => {
  it('refuses an endUsers script that no person could follow, naming the number', () => {
    const error = thrown(() => createFakeVonage({ endUsers: { '447700900002': ['press x'] } }));
    expect(isVwsError(error) && error.code).toBe('VWS_ERR_INVALID_OPTION');
    expect(error.message).toMatch(/^endUsers\["447700900002"\]: Invalid callee step "press x"/);
    expect(error.message).not.toContain('\n');
  });

  it('refuses an endUsers key that is not a phone number', () => {
    expect(() => createFakeVonage({ endUsers: { agent: ['busy'] } })).toThrow(
      /^endUsers key "agent": use the person's phone number in E\.164 format/,
    );
  });

  it('refuses an unknown clock mode', () => {
    expect(() => createFakeVonage({ clock: 'fast' as never })).toThrow(
      'Invalid clock "fast": use auto or manual.',
    );
  });
});

describe('pushIncomingCall with a caller', () => {
  it('throws at once for a step it cannot understand, and starts nothing', () => {
    const vonage = createFakeVonage({ clock: 'manual', webhooks });
    const error = thrown(() => vonage.pushIncomingCall({ caller: ['press 1', 'dance'] }));
    expect(isVwsError(error) && error.code).toBe('VWS_ERR_INVALID_OPTION');
    expect(error.message).toContain('"dance"');
    expect(vonage.lifecycles).toEqual([]);
  });

  it('throws at once for a number that is not one', () => {
    const vonage = createFakeVonage({ clock: 'manual', webhooks });
    expect(() => vonage.pushIncomingCall({ from: 'abc' })).toThrow(/^Invalid from "abc"/);
    expect(vonage.lifecycles).toEqual([]);
  });
});

describe('chaos on a conversation', () => {
  it('sends each webhook of a call twice with duplicates 1, the same way on every run', async () => {
    const run = async () => {
      const { deliver } = createRecordingDeliver();
      const vonage = createFakeVonage({
        clock: 'manual',
        seed: 3,
        refDate: '2026-01-15T12:00:00Z',
        webhooks,
        deliver,
        scenario: { chaos: { duplicates: 1, jitterMs: 500 } },
      });
      vonage.pushIncomingCall({ caller: [] });
      await vonage.runUntilIdle();
      await vonage.close();
      return vonage.deliveries;
    };
    const deliveries = await run();
    const duplicates = deliveries.filter((delivery) => delivery.chaos === 'duplicate');
    expect(duplicates.length).toBeGreaterThan(0);
    expect(duplicates.length * 2).toBe(deliveries.length);
    expect(JSON.stringify(await run())).toBe(JSON.stringify(deliveries));
  });
});

describe('vws serve --end-user', () => {
  it('collects NUMBER=SCRIPT by number, "+" optional', () => {
    const first = parseEndUser('+447700900002=busy');
    expect(parseEndUser('447700900001=press 1; hang up', first)).toEqual({
      '447700900002': 'busy',
      '447700900001': 'press 1; hang up',
    });
  });

  it('refuses a value without a number', () => {
    expect(() => parseEndUser('busy')).toThrow('Use NUMBER=SCRIPT');
  });
});
