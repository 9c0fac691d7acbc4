// Issue 9 (docs/decisions/107, 108): a Verify v2 request follows the app's code checks on the fake's
// virtual clock. Driven through the public entry with a manual clock and a recording `deliver`.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFakeVonage,
  type EventName,
  type FakeVonage,
  type FakeVonageOptions,
} from 'vonage-webhook-simulator';
import { ownValidator } from './support/own-schemas.js';
import { createRecordingDeliver } from './support/recording-deliver.js';

const API_KEY = 'a1b2c3d4';
const API_SECRET = 'Secret123';
const APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const REF = Date.parse('2025-03-01T09:00:00.000Z');
const TO = '447700900123';
const at = (ms: number) => new Date(REF + ms).toISOString();

const fakes: FakeVonage[] = [];

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((each) => each.close()));
});

function fake(options: FakeVonageOptions = {}): FakeVonage {
  const { deliver } = createRecordingDeliver();
  const vonage = createFakeVonage({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    applicationId: APPLICATION_ID,
    clock: 'manual',
    seed: 7,
    refDate: REF,
    deliver,
    webhooks: { verifyStatusUrl: 'http://127.0.0.1:3000/webhooks/verify' },
    ...options,
  });
  fakes.push(vonage);
  return vonage;
}

/** An application JWT as the SDKs make one (RS256; the fake reads its claims only). */
function appJwt(): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ application_id: APPLICATION_ID, iat: 1_700_000_000, jti: 'x' })}.c2ln`;
}

async function api(
  vonage: FakeVonage,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await vonage.handle(
    new Request(`https://api.nexmo.com${path}`, {
      method,
      headers: { authorization: `Bearer ${appJwt()}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  if (response === undefined) throw new Error(`not handled: ${path}`);
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

async function start(vonage: FakeVonage, channels: readonly string[], extra: Record<string, unknown> = {}) {
  const answer = await api(vonage, 'POST', '/v2/verify', {
    brand: 'Acme',
    workflow: channels.map((channel) => ({ channel, to: TO })),
    ...extra,
  });
  expect(answer.status).toBe(202);
  const { request_id: requestId } = answer.body as { request_id: string };
  return {
    requestId,
    answer,
    check: (code: string) => api(vonage, 'POST', `/v2/verify/${requestId}`, { code }),
    next: () => api(vonage, 'POST', `/v2/verify/${requestId}/next_workflow`),
    cancel: () => api(vonage, 'DELETE', `/v2/verify/${requestId}`),
  };
}

/** The webhooks sent so far, each checked against its event's own schema. */
function webhooks(vonage: FakeVonage): { event: string; atMs: number; payload: Record<string, unknown> }[] {
  return vonage.deliveries.map((delivery) => {
    const validate = ownValidator(delivery.event as EventName);
    expect(validate(delivery.payload), `${delivery.event}: ${JSON.stringify(validate.errors)}`).toBe(true);
    expect(delivery.state).toBe('sent');
    return {
      event: delivery.event,
      atMs: delivery.atMs,
      payload: delivery.payload as Record<string, unknown>,
    };
  });
}

/** The transcript's status lines of the first lifecycle. */
function statuses(vonage: FakeVonage): string[] {
  return (vonage.lifecycles[0]?.transcript ?? []).flatMap((entry) =>
    entry.kind === 'status' ? [entry.status] : [],
  );
}

const invalidCode = {
  type: 'https://www.developer.vonage.com/api-errors/verify#invalid-code',
  title: 'Invalid Code',
  detail: 'The code you provided does not match the expected value.',
  instance: expect.any(String),
};

describe('Verify v2 on the conversation engine', () => {
  it('completes on the right code and sends the summary of the steps as they happened', async () => {
    const vonage = fake();
    const verification = await start(vonage, ['sms', 'voice'], { client_ref: 'login-1' });
    await vonage.advance(42_000);
    expect(await verification.check('1234')).toEqual({
      status: 200,
      body: { request_id: verification.requestId, status: 'completed' },
    });
    expect((await verification.check('1234')).status).toBe(404);
    await vonage.runUntilIdle();
    // An sms step reports no event of its own (reference run-time.md#verify-event-for-sms-and-email-steps): only the summary.
    const sent = webhooks(vonage);
    expect(sent.map((each) => each.event)).toEqual(['verify.summary.completed']);
    expect(sent[0]?.payload).toEqual({
      request_id: verification.requestId,
      submitted_at: at(0),
      status: 'completed',
      type: 'summary',
      channel_timeout: 300,
      workflow: [
        { channel: 'sms', initiated_at: at(0), status: 'completed' },
        { channel: 'voice', initiated_at: at(42_000), status: 'unused' },
      ],
      price: 0.102,
      client_ref: 'login-1',
    });
    expect(sent[0]?.atMs).toBeGreaterThan(42_000);
    expect(statuses(vonage)).toEqual(['sms started', 'sms completed', 'completed']);
    const did = vonage.lifecycles[0]?.transcript.filter((entry) => entry.kind === 'did');
    expect(did).toEqual([
      { atMs: 42_000, leg: 'verify', kind: 'did', step: 'check 1234', detail: 'right code' },
    ]);
  });

  it('answers 400, 400, then 410 to wrong codes, fails the request, and 404 after', async () => {
    const vonage = fake();
    const verification = await start(vonage, ['voice', 'sms']);
    await vonage.advance(10_000);
    expect(await verification.check('0000')).toEqual({ status: 400, body: invalidCode });
    expect(await verification.check('1111')).toEqual({ status: 400, body: invalidCode });
    expect(await verification.check('2222')).toEqual({
      status: 410,
      body: {
        type: 'https://developer.nexmo.com/api-errors#gone',
        title: 'Invalid Code',
        detail: 'An incorrect code has been provided too many times. Workflow terminated.',
        instance: expect.any(String),
      },
    });
    expect(await verification.check('1234')).toMatchObject({
      status: 404,
      body: { detail: `Request ${verification.requestId} was not found or it has been verified already.` },
    });
    await vonage.runUntilIdle();
    const sent = webhooks(vonage);
    expect(sent.map((each) => each.event)).toEqual(['verify.event.failed', 'verify.summary.failed']);
    expect(sent[0]?.payload).toMatchObject({
      channel: 'voice',
      status: 'failed',
      triggered_at: at(0),
      finalized_at: at(10_000),
    });
    expect(sent[1]?.payload).toMatchObject({
      status: 'failed',
      workflow: [
        { channel: 'voice', initiated_at: at(0), status: 'failed' },
        { channel: 'sms', initiated_at: at(10_000), status: 'unused' },
      ],
      price: 0.0385,
    });
    const checks = vonage.lifecycles[0]?.transcript.flatMap((entry) =>
      entry.kind === 'did' ? [`${entry.step}: ${entry.detail}`] : [],
    );
    expect(checks).toEqual([
      'check 0000: wrong code (1 of 3)',
      'check 1111: wrong code (2 of 3)',
      'check 2222: wrong code (3 of 3)',
    ]);
    expect(statuses(vonage)).toEqual(['voice started', 'voice failed', 'failed']);
  });

  it('expires each step at its channel_timeout, starts the next, and ends expired without a check', async () => {
    const vonage = fake();
    const verification = await start(vonage, ['sms', 'whatsapp', 'voice'], { channel_timeout: 60 });
    await vonage.advance(59_999);
    expect(statuses(vonage)).toEqual(['sms started']);
    await vonage.advance(1);
    expect(statuses(vonage)).toEqual(['sms started', 'sms expired', 'whatsapp started']);
    await vonage.advance(59_999);
    expect(statuses(vonage)).toHaveLength(3);
    await vonage.advance(1);
    expect(statuses(vonage).slice(3)).toEqual(['whatsapp expired', 'voice started']);
    await vonage.advance(59_999);
    expect(vonage.deliveries).toEqual([]);
    await vonage.advance(1);
    expect(statuses(vonage).slice(5)).toEqual(['voice expired', 'expired']);
    expect((await verification.check('1234')).status).toBe(404);
    await vonage.runUntilIdle();
    // A code step that expires sends no event (decision 083): the summary alone.
    const sent = webhooks(vonage);
    expect(sent.map((each) => each.event)).toEqual(['verify.summary.expired']);
    expect(sent[0]?.payload).toMatchObject({
      status: 'expired',
      channel_timeout: 60,
      workflow: [
        { channel: 'sms', initiated_at: at(0), status: 'expired' },
        { channel: 'whatsapp', initiated_at: at(60_000), status: 'expired' },
        { channel: 'voice', initiated_at: at(120_000), status: 'expired' },
      ],
    });
  });

  it('skips to the next step on next_workflow, and answers 409 when none is left', async () => {
    const vonage = fake();
    const verification = await start(vonage, ['sms', 'voice']);
    await vonage.advance(5_000);
    expect(await verification.next()).toEqual({ status: 200, body: null });
    expect(await verification.next()).toEqual({
      status: 409,
      body: {
        type: 'https://developer.nexmo.com/api-errors#conflict',
        title: 'Conflict',
        detail: 'There are no more events left to trigger.',
        instance: expect.any(String),
      },
    });
    // The voice step runs its own channel_timeout from the skip.
    await vonage.advance(299_999);
    expect(statuses(vonage)).toEqual(['sms started', 'sms expired', 'voice started']);
    expect((await verification.check('1234')).status).toBe(200);
    await vonage.runUntilIdle();
    const sent = webhooks(vonage);
    expect(sent.map((each) => each.event)).toEqual(['verify.event.completed', 'verify.summary.completed']);
    expect(sent[0]?.payload).toMatchObject({
      channel: 'voice',
      triggered_at: at(5_000),
      finalized_at: at(304_999),
    });
    expect(sent[1]?.payload).toMatchObject({
      workflow: [
        { channel: 'sms', initiated_at: at(0), status: 'expired' },
        { channel: 'voice', initiated_at: at(5_000), status: 'completed' },
      ],
    });
    expect((await verification.next()).status).toBe(404);
  });

  it('cancels on DELETE with 204 and sends no summary', async () => {
    const vonage = fake();
    const verification = await start(vonage, ['sms', 'voice']);
    await vonage.advance(30_000);
    expect(await verification.cancel()).toEqual({ status: 204, body: null });
    expect((await verification.cancel()).status).toBe(404);
    expect((await verification.check('1234')).status).toBe(404);
    await vonage.advance(3_600_000);
    await vonage.runUntilIdle();
    expect(vonage.deliveries).toEqual([]);
    expect(statuses(vonage)).toEqual(['sms started', 'cancelled']);
    // The number is free again for a new request.
    await start(vonage, ['sms']);
  });

  it('runs silent auth on the clock: action_pending, 409 to a code meanwhile, then the SIM check result', async () => {
    const vonage = fake();
    const verification = await start(vonage, ['silent_auth', 'sms']);
    expect(verification.answer.body).toEqual({
      request_id: verification.requestId,
      check_url: `https://api-eu-3.vonage.com/v2/verify/${verification.requestId}/silent-auth/redirect`,
    });
    expect(await verification.check('1234')).toEqual({
      status: 409,
      body: {
        title: 'Conflict',
        detail: 'The current Verify workflow step does not support a code.',
        instance: expect.any(String),
      },
    });
    await vonage.runUntilIdle();
    const sent = webhooks(vonage);
    expect(sent.map((each) => each.event)).toEqual([
      'verify.silent_auth.action_pending',
      'verify.silent_auth.completed',
      'verify.summary.completed',
    ]);
    expect(sent[0]?.payload).toMatchObject({
      action: [
        {
          type: 'check',
          check_url: `https://eu.api.silent.auth/phone_check/v0.1/checks/${verification.requestId}/redirect`,
        },
      ],
    });
    expect(sent[2]?.payload).toMatchObject({
      workflow: [
        { channel: 'silent_auth', status: 'completed' },
        { channel: 'sms', status: 'unused' },
      ],
    });
  });

  it('falls back from a failed silent auth to the next step, which then takes codes', async () => {
    const vonage = fake();
    vonage.scriptOutcome({ to: TO, outcome: 'failed', scenario: 'verify.v2' });
    const verification = await start(vonage, ['silent_auth', 'sms']);
    await vonage.advance(15_000);
    expect(statuses(vonage)).toEqual(['silent_auth started', 'silent_auth failed', 'sms started']);
    expect((await verification.check('1234')).status).toBe(200);
    await vonage.runUntilIdle();
    const sent = webhooks(vonage);
    expect(sent.map((each) => each.event)).toEqual([
      'verify.silent_auth.action_pending',
      'verify.silent_auth.failed',
      'verify.summary.completed',
    ]);
    expect(sent[2]?.payload).toMatchObject({
      workflow: [
        { channel: 'silent_auth', status: 'failed' },
        { channel: 'sms', status: 'completed' },
      ],
    });
  });

  it('ends the request as a scripted outcome the checks cannot produce says (rejected)', async () => {
    const vonage = fake({ scenario: { params: { 'verify.v2': { outcome: 'rejected' } } } });
    const verification = await start(vonage, ['sms']);
    await vonage.advance(2_500);
    expect(statuses(vonage)).toEqual(['sms started', 'sms failed', 'failed']);
    expect((await verification.check('1234')).status).toBe(404);
    await vonage.runUntilIdle();
    const sent = webhooks(vonage);
    expect(sent.map((each) => each.event)).toEqual(['verify.event.rejected', 'verify.summary.failed']);
    expect(sent[0]?.payload).toMatchObject({ channel: 'sms', status: 'rejected' });
  });

  it('sends the same bytes for the same seed and the same checks', async () => {
    const play = async () => {
      const vonage = fake({ seed: 1234 });
      vonage.scriptOutcome({ to: TO, outcome: 'failed', scenario: 'verify.v2' });
      const verification = await start(vonage, ['silent_auth', 'voice', 'sms'], { client_ref: 'x' });
      await vonage.advance(20_000);
      await verification.check('9999');
      await vonage.advance(1_000);
      await verification.next();
      await vonage.advance(7_000);
      await verification.check('1234');
      await vonage.runUntilIdle();
      return JSON.stringify(
        vonage.deliveries.map((delivery) => [delivery.event, delivery.atMs, delivery.payload]),
      );
    };
    const first = await play();
    expect(JSON.parse(first)).toHaveLength(3);
    expect(await play()).toBe(first);
  });
});

describe('Verify at timeScale 0 (issue 9)', () => {
  it('waits for the code check instead of expiring at once, and settled() does not wait for it', async () => {
    const vonage = fake({ clock: 'auto', timeScale: 0 });
    const verification = await start(vonage, ['sms', 'voice']);
    // Nothing is due but the check: settled() resolves with the request still open.
    await vonage.settled({ timeoutMs: 2_000 });
    expect(vonage.deliveries.some((delivery) => delivery.event.startsWith('verify.summary'))).toBe(false);
    // The app checks after real time has passed: at timeScale 0 the steps would otherwise be long gone.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await verification.check('1234')).toEqual({
      status: 200,
      body: { request_id: verification.requestId, status: 'completed' },
    });
    await vonage.settled({ timeoutMs: 2_000 });
    const summary = vonage.deliveries.find((delivery) => delivery.event.startsWith('verify.summary'));
    expect(summary?.payload).toMatchObject({ request_id: verification.requestId, status: 'completed' });
  });
});
