import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { isVwsError } from '../errors.js';
import { getEvent, isEventName } from '../fixtures/catalog.js';
import { closeSchema } from '../fixtures/shared/close-schema.js';
import { getSchema } from '../schemas/index.js';
import {
  createScenario as createTyped,
  isScenarioName,
  type ScenarioName,
  type ScenarioParamsMap,
  scenarioNames,
} from './create-scenario.js';
import { messagesSendOutcomes } from './messages-send-types.js';
import { numberInsightVariants } from './number-insight-advanced-async.js';
import { toPlannedScenario } from './scenario-context.js';
import type { ScenarioOptions } from './types.js';
import { verifyV2Outcomes } from './verify-v2.js';
import { voiceOutboundOutcomes } from './voice-outbound.js';

// These tests read payloads as JSON records (the planned shape), whatever their event.
const createScenario = <TName extends ScenarioName>(
  name: TName,
  options?: ScenarioOptions<ScenarioParamsMap[TName]>,
) => toPlannedScenario(createTyped(name, options));

type AnyOptions = ScenarioOptions<Record<string, unknown>>;
type Case = readonly [ScenarioName, AnyOptions['params']];

const steps = [
  { action: 'input', digits: '12#' },
  { action: 'input', type: 'speech' },
  { action: 'input', type: 'timeout' },
  { action: 'record', seconds: 9 },
];
const channels = ['sms', 'mms', 'rcs', 'whatsapp', 'messenger', 'viber_service'] as const;
const readChannels = ['rcs', 'whatsapp', 'messenger', 'viber_service'];

// Every outcome, channel and variant, so every event a scenario can send is schema-checked.
const cases: readonly Case[] = [
  ...voiceOutboundOutcomes.map((outcome): Case => ['voice.outbound', { outcome }]),
  ...voiceOutboundOutcomes
    .filter((outcome) => outcome !== 'answered' && outcome !== 'machine')
    .map((outcome): Case => ['voice.outbound', { outcome, completedAfterFailure: true }]),
  ['voice.outbound', { machineDetection: true, steps }],
  ['voice.inbound', {}],
  ['voice.inbound', { steps, disconnectedBy: 'user' }],
  ['sms.send', {}],
  ['sms.send', { text: 'A'.repeat(400), clientRef: 'order-1' }],
  ['sms.send', { text: 'Grüße 😊 '.repeat(12), status: 'failed' }],
  ...(['expired', 'rejected', 'accepted', 'buffered', 'unknown'] as const).map(
    (status): Case => ['sms.send', { status }],
  ),
  ['sms.inbound.concatenated', {}],
  ['sms.inbound.concatenated', { text: 'Привет! '.repeat(20) }],
  ...channels.flatMap((channel) =>
    messagesSendOutcomes
      .filter((outcome) => outcome !== 'read' || readChannels.includes(channel))
      .map((outcome): Case => ['messages.send', { channel, outcome, clientRef: 'ref-1' }]),
  ),
  ['messages.send', { channel: 'sms', text: 'B'.repeat(330) }],
  ...numberInsightVariants.map((variant): Case => ['number_insight.advanced_async', { variant }]),
  ...verifyV2Outcomes
    .filter((outcome) => outcome !== 'user_rejected')
    .map((outcome): Case => ['verify.v2', { outcome }]),
  ['verify.v2', { outcome: 'user_rejected', workflow: ['sms', 'whatsapp_interactive'] }],
  ['verify.v2', { outcome: 'user_rejected', workflow: ['silent_auth'] }],
  ['verify.v2', { workflow: ['silent_auth', 'sms', 'voice'], outcome: 'completed', decisiveStep: 2 }],
  ['verify.v2', { workflow: ['silent_auth', 'email'], outcome: 'expired', clientRef: 'login-1' }],
  ['verify.v2', { workflow: ['silent_auth'], outcome: 'failed' }],
];

const seeds = [1, 2, 3, 42, 2024];

const ajv = new Ajv({ strict: true, allErrors: true });
const validators = new Map<string, { open: ValidateFunction; closed: ValidateFunction }>();

function validatorsOf(event: string) {
  let pair = validators.get(event);
  if (pair === undefined) {
    const { $id: _id, ...schema } = getSchema(event);
    pair = { open: ajv.compile(schema), closed: ajv.compile(closeSchema(schema) as Record<string, unknown>) };
    validators.set(event, pair);
  }
  return pair;
}

function run(name: ScenarioName, params: AnyOptions['params'], seed: number, extra: AnyOptions = {}) {
  return createScenario(name, { seed, ...(params === undefined ? {} : { params }), ...extra } as never);
}

describe('createScenario', () => {
  it('gives byte-identical JSON when run twice with the same options', () => {
    for (const [name, params] of cases) {
      const options = {
        refDate: '2025-03-01T09:30:00Z',
        chaos: { duplicates: 0.3, reorder: true, jitterMs: 500 },
      };
      const first = JSON.stringify(run(name, params, 7, options));
      const second = JSON.stringify(run(name, params, 7, options));
      expect(second, `${name} ${JSON.stringify(params)}`).toBe(first);
    }
  });

  it('builds payloads that validate against their event schemas, open and closed, under several seeds', () => {
    const failures: string[] = [];
    for (const [name, params] of cases) {
      for (const seed of seeds) {
        for (const webhook of run(name, params, seed).webhooks) {
          const { open, closed } = validatorsOf(webhook.event);
          for (const [kind, validate] of [
            ['open', open],
            ['closed', closed],
          ] as const) {
            if (!validate(webhook.payload)) {
              failures.push(
                `${name} ${JSON.stringify(params)} seed ${seed} ${webhook.event} (${kind}): ${ajv.errorsText(validate.errors)}`,
              );
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('sends every webhook to the target its catalog entry names, in time order', () => {
    for (const [name, params] of cases) {
      const { webhooks } = run(name, params, 11);
      expect(webhooks.length).toBeGreaterThan(0);
      for (const webhook of webhooks) {
        expect(isEventName(webhook.event)).toBe(true);
        expect(webhook.target).toBe(getEvent(webhook.event).webhook);
        expect(webhook.chaos).toBeUndefined();
      }
      const times = webhooks.map((webhook) => webhook.atMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBeGreaterThanOrEqual(0);
    }
  });

  it('gives different payloads for different seeds', () => {
    for (const name of scenarioNames) {
      const one = JSON.stringify(run(name, undefined, 1));
      const two = JSON.stringify(run(name, undefined, 2));
      expect(two, name).not.toBe(one);
    }
  });

  it('moves every timestamp with refDate when only refDate changes', () => {
    const early = run('voice.outbound', undefined, 5, { refDate: '2025-01-01T00:00:00.000Z' });
    const late = run('voice.outbound', undefined, 5, { refDate: '2025-01-01T01:00:00.000Z' });
    expect(late.webhooks.map((w) => w.atMs)).toEqual(early.webhooks.map((w) => w.atMs));
    const started = (scenario: typeof early) => Date.parse(String(scenario.webhooks[0]?.payload.timestamp));
    expect(started(late) - started(early)).toBe(3_600_000);
  });

  it('names the closest scenario when the name is unknown', () => {
    try {
      createScenario('sms.sned' as ScenarioName);
      expect.unreachable('createScenario accepted an unknown name');
    } catch (error) {
      expect(isVwsError(error) && error.code).toBe('VWS_ERR_INVALID_OPTION');
      expect((error as Error).message).toContain('Did you mean "sms.send"');
    }
  });

  it('rejects an invalid seed with a usage error', () => {
    expect(() => createScenario('sms.send', { seed: -1 })).toThrow(/Invalid seed -1/);
  });
});

describe('isScenarioName', () => {
  it('tells scenario names from other strings', () => {
    expect(scenarioNames.every(isScenarioName)).toBe(true);
    expect(isScenarioName('voice.event.completed')).toBe(false);
  });
});
