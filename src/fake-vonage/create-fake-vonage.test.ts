import { describe, expect, it } from 'vitest';
import { toDeliveryResult } from '../../test/support/recording-deliver.js';
import type { RequestParts } from '../delivery/to-request.js';
import type { EventName } from '../fixtures/events.js';
import { generate } from '../fixtures/generate.js';
import { toTypedScenario } from '../scenarios/scenario-context.js';
import type { Scenario } from '../scenarios/types.js';
import { createFakeVonage } from './create-fake-vonage.js';
import type { CreateScenario, DeliverWebhook, FakeVonageOptions, OutgoingWebhook } from './types.js';

const payload = (name: EventName, seed: number) =>
  ({ ...generate(name, { seed }) }) as Record<string, unknown>;

// A stub lifecycle: two Messages statuses and one inbound message, whatever the name, so these tests
// check the scheduling core apart from the src/scenarios generators.
const stubScenario: CreateScenario = (name, options): Scenario =>
  toTypedScenario({
    name,
    ids: { message_uuid: String(options.params?.messageUuid ?? 'none') },
    webhooks: [
      {
        event: 'messages.status.submitted.sms',
        payload: payload('messages.status.submitted.sms', 1),
        target: 'messages-status',
        atMs: 30,
      },
      {
        event: 'messages.status.delivered.sms',
        payload: payload('messages.status.delivered.sms', 2),
        target: 'messages-status',
        atMs: 10,
      },
      {
        event: 'messages.inbound.sms.text',
        payload: payload('messages.inbound.sms.text', 3),
        target: 'messages-inbound',
        atMs: 60,
      },
    ],
  });

const result = toDeliveryResult;

function recorder(status = 200) {
  const sent: { parts: RequestParts; webhook: OutgoingWebhook; at: number }[] = [];
  const deliver: DeliverWebhook = async (parts, webhook) => {
    sent.push({ parts, webhook, at: performance.now() });
    return result(parts, status);
  };
  return { sent, deliver };
}

const send = { channel: 'sms', message_type: 'text', to: '447700900123', from: 'Acme', text: 'Hi' };
const basic = `Basic ${Buffer.from('k:s').toString('base64')}`;
const request = () =>
  new Request('https://api.nexmo.com/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basic },
    body: JSON.stringify(send),
  });
const options = (extra: Partial<FakeVonageOptions> = {}): FakeVonageOptions => ({
  createScenario: stubScenario,
  timeScale: 0,
  webhooks: { messagesStatus: 'http://app.test/status', messagesInbound: 'http://app.test/inbound' },
  ...extra,
});

describe('createFakeVonage', () => {
  it('delivers a lifecycle in its order, at atMs × timeScale after the call', async () => {
    const { sent, deliver } = recorder();
    const vonage = createFakeVonage(options({ deliver, timeScale: 1 }));
    const started = performance.now();
    await vonage.handle(request());
    expect(sent).toEqual([]);
    await vonage.settled();
    expect(sent.map((each) => each.webhook.event)).toEqual([
      'messages.status.submitted.sms',
      'messages.status.delivered.sms',
      'messages.inbound.sms.text',
    ]);
    // The second is due before the first: it goes right after it (chaos "reorder" keeps send order).
    expect((sent[0]?.at ?? 0) - started).toBeGreaterThanOrEqual(25);
    expect((sent[2]?.at ?? 0) - started).toBeGreaterThanOrEqual(55);
    expect(sent.map((each) => each.parts.url)).toEqual([
      'http://app.test/status',
      'http://app.test/status',
      'http://app.test/inbound',
    ]);
  });

  it('passes the request values and configured params to the lifecycle, the request winning', async () => {
    let seen: Record<string, unknown> | undefined;
    const vonage = createFakeVonage(
      options({
        deliver: recorder().deliver,
        scenario: { params: { 'messages.send': { outcome: 'read', to: 'overridden' } } },
        createScenario: (name, scenarioOptions) => {
          seen = { ...scenarioOptions.params };
          return stubScenario(name, scenarioOptions);
        },
      }),
    );
    await vonage.handle(request());
    expect(seen).toMatchObject({
      outcome: 'read',
      to: '447700900123',
      from: 'Acme',
      channel: 'sms',
      text: 'Hi',
    });
    expect(seen?.messageUuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records a 404 answer as a result and goes on', async () => {
    const { sent, deliver } = recorder(404);
    const vonage = createFakeVonage(options({ deliver }));
    await vonage.handle(request());
    await vonage.settled();
    expect(sent).toHaveLength(3);
    expect(vonage.deliveries.map((each) => [each.state, each.result?.status])).toEqual([
      ['sent', 404],
      ['sent', 404],
      ['sent', 404],
    ]);
  });

  it('records a failing deliver function as not sent and goes on', async () => {
    let calls = 0;
    const vonage = createFakeVonage(
      options({
        deliver: async (parts) => {
          calls += 1;
          if (calls === 1) throw new Error('socket hang up');
          return result(parts, 200);
        },
      }),
    );
    await vonage.handle(request());
    await vonage.settled();
    expect(vonage.deliveries.map((each) => each.state)).toEqual(['not_sent', 'sent', 'sent']);
    expect(vonage.deliveries[0]?.reason).toBe('The deliver function failed: socket hang up');
  });

  it('waits in settled() for lifecycles that webhook handlers start', async () => {
    let nested = false;
    const vonage = createFakeVonage(
      options({
        deliver: async (parts) => {
          if (!nested) {
            nested = true;
            await vonage.handle(request());
          }
          return result(parts, 200);
        },
      }),
    );
    await vonage.handle(request());
    await vonage.settled();
    expect(vonage.lifecycles).toHaveLength(2);
    expect(vonage.deliveries.every((each) => each.state === 'sent')).toBe(true);
  });

  it('cancels pending webhooks on reset and starts the id stream anew', async () => {
    const { sent, deliver } = recorder();
    const vonage = createFakeVonage(options({ deliver, timeScale: 1 }));
    const first = await (await vonage.handle(request()))?.json();
    const pending = vonage.lifecycles[0]?.done;
    vonage.reset();
    await pending;
    expect(sent).toEqual([]);
    expect(vonage.requests).toEqual([]);
    expect(await (await vonage.handle(request()))?.json()).toEqual(first);
    await vonage.close();
  });

  it('signs JWT webhooks only with a signature secret', async () => {
    const unsigned = recorder();
    const plain = createFakeVonage(options({ deliver: unsigned.deliver }));
    await plain.handle(request());
    await plain.settled();
    expect(unsigned.sent.every((each) => !each.parts.signed)).toBe(true);
    const signed = recorder();
    const vonage = createFakeVonage(
      options({ deliver: signed.deliver, signatureSecret: 'secret', apiKey: 'a1b2c3d4' }),
    );
    await vonage.handle(request());
    await vonage.settled();
    expect(signed.sent.every((each) => each.parts.signed)).toBe(true);
  });

  it('rejects invalid options with the fix in the message', () => {
    expect(() => createFakeVonage({ timeScale: -1 })).toThrow(/Invalid timeScale -1/);
    expect(() => createFakeVonage({ seed: 1.5 })).toThrow(/Invalid seed 1.5/);
    expect(() => createFakeVonage({ smsSignatureMethod: 'sha256' })).toThrow(/pass signatureSecret/);
    expect(() => createFakeVonage({ webhooks: { voiceEvent: 'not a url' } })).toThrow(
      /Invalid webhooks.voiceEvent/,
    );
    expect(() => createFakeVonage({ smsWebhookFormat: 'PUT' as never })).toThrow(/GET, POST, POST-JSON/);
  });
});
