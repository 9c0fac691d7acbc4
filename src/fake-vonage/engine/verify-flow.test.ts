import { describe, expect, it } from 'vitest';
import type { VerifyChannel } from '../../fixtures/verify/types.js';
import { createFakeState, type VerificationRecord } from '../account/state.js';
import { createVirtualClock, type Sleep } from './clock.js';
import type { ConversationHost, EngineContext, SendRequest } from './conversation.js';
import {
  cancelVerification,
  checkVerificationCode,
  MAX_WRONG_CODES,
  runVerification,
  skipVerificationStep,
} from './verify-flow.js';

const REQUEST_ID = 'c11236f4-00bf-4b89-84ba-88b25df97315';

function createRecord(channels: readonly string[], wake: () => void = () => {}): VerificationRecord {
  return {
    requestId: REQUEST_ID,
    to: '447700900123',
    code: '1234',
    channels,
    active: true,
    wrongCodes: 0,
    step: 0,
    inbox: [],
    wake,
  };
}

/** A verification on a manual clock with a host that records what it sends (as the fake's host does). */
function createRun(channels: readonly VerifyChannel[], params: Record<string, unknown> = {}) {
  const clock = createVirtualClock({ mode: 'manual' });
  const state = createFakeState({
    balance: 10,
    applications: [],
    defaultApplicationId: 'none',
    account: { smsInboundUrl: null, smsDlrUrl: null },
  });
  const record = createRecord(channels);
  state.verifications.set(REQUEST_ID, record);
  const sent: (SendRequest & { atMs: number })[] = [];
  let cursor = 0;
  let current: Sleep | undefined;
  let pending = false;
  const host: ConversationHost = {
    index: 0,
    seed: 11,
    epoch: Date.parse('2025-01-01T00:00:00.000Z'),
    transcript: [],
    now: () => cursor,
    async sleepUntil(atMs) {
      if (pending) {
        pending = false;
        return 'woken';
      }
      current = clock.sleep(atMs);
      const reason = await current.promise;
      current = undefined;
      cursor = Math.max(cursor, reason === 'timer' ? atMs : Math.min(atMs, clock.now()));
      return reason;
    },
    interrupt() {
      if (current === undefined) pending = true;
      else current.wake();
    },
    cancelled: () => false,
    async send(request) {
      sent.push({ ...request, atMs: cursor });
      return {
        delivery: sent.length - 1,
        ok: true,
        notSent: null,
        url: 'http://127.0.0.1:3000/verify',
        method: 'POST',
        status: 200,
        outcome: 'accepted',
        ncco: null,
        nccoIssues: [],
      };
    },
  };
  const engine: EngineContext = {
    host,
    state,
    newUuid: () => REQUEST_ID,
    scriptFor: () => undefined,
    applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
    params,
  };
  const errors: unknown[] = [];
  const done = clock.spawn(
    'verify',
    () => runVerification(engine, { requestId: REQUEST_ID, channels, channelTimeout: 60 }),
    (error) => errors.push(error),
  );
  return { clock, record, sent, host, done, errors };
}

describe('checkVerificationCode', () => {
  it('completes on the right code and tells the conversation', () => {
    let woken = 0;
    const record = createRecord(['sms'], () => {
      woken += 1;
    });
    expect(checkVerificationCode(record, '1234')).toBe('completed');
    expect(record.active).toBe(false);
    expect(record.inbox).toEqual([{ kind: 'code', code: '1234', result: 'right', wrongCodes: 0 }]);
    expect(woken).toBe(1);
  });

  it('counts wrong codes and locks the request on the third', () => {
    const record = createRecord(['sms']);
    expect(MAX_WRONG_CODES).toBe(3);
    expect(checkVerificationCode(record, '0000')).toBe('wrong');
    expect(checkVerificationCode(record, '1111')).toBe('wrong');
    expect(record.active).toBe(true);
    expect(checkVerificationCode(record, '2222')).toBe('locked');
    expect(record.active).toBe(false);
    expect(record.inbox.map((input) => (input.kind === 'code' ? input.result : input.kind))).toEqual([
      'wrong',
      'wrong',
      'locked',
    ]);
  });

  it('takes no code while a silent_auth step runs, and does not count it', () => {
    const record = createRecord(['silent_auth', 'sms']);
    expect(checkVerificationCode(record, '0000')).toBe('no_code_step');
    expect(record.wrongCodes).toBe(0);
    expect(record.inbox).toEqual([]);
    record.step = 1;
    expect(checkVerificationCode(record, '1234')).toBe('completed');
  });
});

describe('skipVerificationStep', () => {
  it('moves to the next step until the last one', () => {
    const record = createRecord(['sms', 'voice']);
    expect(skipVerificationStep(record)).toBe(true);
    expect(record.step).toBe(1);
    expect(skipVerificationStep(record)).toBe(false);
    expect(record.inbox).toEqual([{ kind: 'next' }]);
  });
});

describe('cancelVerification', () => {
  it('ends the request and tells the conversation', () => {
    const record = createRecord(['sms']);
    cancelVerification(record);
    expect(record.active).toBe(false);
    expect(record.inbox).toEqual([{ kind: 'cancel' }]);
  });
});

describe('runVerification', () => {
  it('ends a whatsapp_interactive step user_rejected when scripted, with its event and a failed summary', async () => {
    const run = createRun(['sms', 'whatsapp_interactive'], { outcome: 'user_rejected' });
    await run.clock.advance(60_000);
    expect(run.record.step).toBe(1);
    await run.clock.runUntilIdle();
    await run.done;
    expect(run.errors).toEqual([]);
    expect(run.sent.map((each) => each.event)).toEqual([
      'verify.event.user_rejected',
      'verify.summary.failed',
    ]);
    const [event, summary] = run.sent;
    expect(event?.payload).toMatchObject({ channel: 'whatsapp_interactive', status: 'user_rejected' });
    expect(event?.target).toBe('verify-status');
    expect(summary?.payload).toMatchObject({
      status: 'failed',
      workflow: [
        { channel: 'sms', initiated_at: '2025-01-01T00:00:00.000Z', status: 'expired' },
        {
          channel: 'whatsapp_interactive',
          initiated_at: '2025-01-01T00:01:00.000Z',
          status: 'user_rejected',
        },
      ],
    });
    expect(run.record.active).toBe(false);
  });

  it('lets an expired silent auth on the last step expire the request', async () => {
    const run = createRun(['silent_auth'], { outcome: 'expired' });
    await run.clock.advance(59_999);
    expect(run.sent.map((each) => each.event)).toEqual(['verify.silent_auth.action_pending']);
    await run.clock.runUntilIdle();
    expect(run.sent.map((each) => each.event)).toEqual([
      'verify.silent_auth.action_pending',
      'verify.silent_auth.expired',
      'verify.summary.expired',
    ]);
    expect(run.host.transcript.flatMap((entry) => (entry.kind === 'status' ? [entry.status] : []))).toEqual([
      'silent_auth started',
      'silent_auth expired',
      'expired',
    ]);
  });

  it('drops the action_pending of a silent_auth step skipped before it was sent', async () => {
    const run = createRun(['silent_auth', 'sms']);
    expect(skipVerificationStep(run.record)).toBe(true);
    await run.clock.advance(0);
    expect(checkVerificationCode(run.record, '1234')).toBe('completed');
    await run.clock.runUntilIdle();
    expect(run.sent.map((each) => each.event)).toEqual(['verify.summary.completed']);
  });

  it('fails with a usage error for an outcome the workflow cannot have, and frees the number', async () => {
    const run = createRun(['sms', 'voice'], { outcome: 'user_rejected' });
    await run.done;
    expect(String(run.errors[0])).toContain(
      'Outcome "user_rejected" needs a whatsapp_interactive or silent_auth step; step 1 is "voice".',
    );
    expect(run.record.active).toBe(false);
    const other = createRun(['sms'], { decisiveStep: 3 });
    await other.done;
    expect(String(other.errors[0])).toContain('Invalid decisiveStep 3: use a step index from 0 to 0.');
  });
});
