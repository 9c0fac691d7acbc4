import { faker as localeFaker } from '@faker-js/faker/locale/en';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { isVwsError } from '../errors.js';
import { closeSchema } from '../fixtures/shared/close-schema.js';
import { findCountry } from '../fixtures/shared/phone.js';
import { getSchema } from '../schemas/index.js';
import {
  createScenario as createTyped,
  type ScenarioName,
  type ScenarioParamsMap,
} from './create-scenario.js';
import { messagesSendOutcomes } from './messages-send-types.js';
import { numberInsightVariants } from './number-insight-advanced-async.js';
import { toPhoneNumber } from './phone-of.js';
import { toPlannedScenario } from './scenario-context.js';
import type { PlannedWebhook, ScenarioOptions } from './types.js';
import { voiceOutboundOutcomes } from './voice-outbound.js';

// These tests read payloads as JSON records (the planned shape), whatever their event.
const createScenario = <TName extends ScenarioName>(
  name: TName,
  options?: ScenarioOptions<ScenarioParamsMap[TName]>,
) => toPlannedScenario(createTyped(name, options));

// A private instance so this test never seeds the global faker either.
const FakerClass = localeFaker.constructor as new (options: {
  locale: typeof localeFaker.rawDefinitions;
}) => typeof localeFaker;
const faker = new FakerClass({ locale: localeFaker.rawDefinitions });

// A Brazilian number (a row of the fixtures' table) and a Nigerian one (outside it).
const brazil = '5511987654321';
const nigeria = '2348031234567';

function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected an error');
}

describe('toPhoneNumber', () => {
  it("gives a number of the table its table row and one of the row's carriers", () => {
    faker.seed(1);
    const number = toPhoneNumber(faker, brazil, 'to');
    expect(number.country).toBe(findCountry('BR'));
    expect(findCountry('BR')?.carriers).toContain(number.carrier);
    expect(number.nationalSignificant).toBe('11987654321');
  });

  it.each([
    [nigeria, 'NG', 'NGA', 'Nigeria', '234'],
    ['79161234567', 'RU', 'RUS', 'Russia', '7'],
    ['254712345678', 'KE', 'KEN', 'Kenya', '254'],
    ['88213100123', 'ZZ', 'ZZZ', 'International Networks', '882'],
  ])(
    "gives %s, outside the table, its calling code's country %s and the specs' example network and prices",
    (msisdn, iso2, iso3, name, prefix) => {
      faker.seed(2);
      const number = toPhoneNumber(faker, msisdn, 'to');
      expect(number.country).toMatchObject({
        iso2,
        iso3,
        name,
        prefix,
        smsPrice: '0.03330000',
        voiceRate: '0.39000000',
      });
      expect(number.carrier).toEqual({ networkCode: '12345', name: 'Acme Inc', networkType: 'mobile' });
      expect(number.msisdn).toBe(msisdn);
      expect(`${prefix}${number.nationalSignificant}`).toBe(msisdn);
    },
  );

  it.each(['2801234567', '3791234567', '9991234567'])(
    'throws for %s, whose calling code is not assigned, naming the number and the fix',
    (msisdn) => {
      const error = thrownBy(() => toPhoneNumber(faker, msisdn, 'to'));
      expect(isVwsError(error) && error.code).toBe('VWS_ERR_INVALID_OPTION');
      expect(error.message).toContain(`"${msisdn}"`);
      expect(error.message).toContain(`+${msisdn.slice(0, 3)} is assigned`);
      expect(error.message).toContain('"447700900123"');
    },
  );

  it.each(['234803', '2348031234567890', '0448031234567', '+2348031234567', '23480312345a'])(
    'throws for %s, which is not 7 to 15 digits starting 1-9',
    (msisdn) => {
      const error = thrownBy(() => toPhoneNumber(faker, msisdn, 'from'));
      expect(isVwsError(error) && error.code).toBe('VWS_ERR_INVALID_OPTION');
      expect(error.message).toContain(`Invalid from "${msisdn}"`);
      expect(error.message).toContain('7 to 15 digits');
    },
  );
});

const ajv = new Ajv({ strict: true, allErrors: true });
const validators = new Map<string, readonly ValidateFunction[]>();

/** The payload's errors against its event's schema, open and closed (none when valid). */
function schemaErrors(webhook: PlannedWebhook): string[] {
  let pair = validators.get(webhook.event);
  if (pair === undefined) {
    const { $id: _id, ...schema } = getSchema(webhook.event);
    pair = [ajv.compile(schema), ajv.compile(closeSchema(schema) as Record<string, unknown>)];
    validators.set(webhook.event, pair);
  }
  return pair.flatMap((validate) =>
    validate(webhook.payload) ? [] : [`${webhook.event}: ${ajv.errorsText(validate.errors)}`],
  );
}

function run(name: ScenarioName, params: Record<string, unknown>, seed: number) {
  const scenario = createScenario(name, { seed, params } as never);
  expect(scenario.webhooks.length, `${name} ${JSON.stringify(params)}`).toBeGreaterThan(0);
  expect(scenario.webhooks.flatMap(schemaErrors), `${name} ${JSON.stringify(params)}`).toEqual([]);
  return scenario.webhooks;
}

const seeds = [1, 2, 3, 42, 2024];

describe.each([
  ['Brazilian', brazil, findCountry('BR')?.carriers.map((carrier) => carrier.networkCode) ?? []],
  ['Nigerian', nigeria, ['12345']],
])('scenarios with a %s number', (_label, msisdn, networks) => {
  const facts = (payloads: readonly PlannedWebhook[]) => payloads.map((webhook) => webhook.payload);

  it("sms.send: every receipt carries the number, a network and the price of the number's country", () => {
    faker.seed(3);
    const { country } = toPhoneNumber(faker, msisdn, 'to');
    for (const seed of seeds) {
      for (const payload of facts(run('sms.send', { to: msisdn, text: 'x'.repeat(200) }, seed))) {
        expect(payload).toMatchObject({ msisdn, price: country.smsPrice });
        expect(networks).toContain(payload['network-code']);
      }
    }
  });

  it('messages.send: every channel that takes a number and every outcome gives valid statuses', () => {
    for (const channel of ['sms', 'mms', 'whatsapp', 'rcs', 'viber_service']) {
      for (const outcome of messagesSendOutcomes) {
        if (outcome === 'read' && (channel === 'sms' || channel === 'mms')) continue;
        for (const seed of seeds) {
          const payloads = facts(run('messages.send', { channel, outcome, to: msisdn }, seed));
          for (const payload of payloads) expect(payload.to).toBe(msisdn);
          const destination = payloads.find((payload) => payload.destination !== undefined)?.destination;
          if (destination !== undefined) {
            expect(networks).toContain((destination as { network_code: string }).network_code);
          }
        }
      }
    }
  });

  it('voice.outbound: every outcome gives valid events, the completed one priced at the country rate', () => {
    faker.seed(4);
    const { country } = toPhoneNumber(faker, msisdn, 'to');
    for (const outcome of voiceOutboundOutcomes) {
      for (const seed of seeds) {
        // Without `from`, your number is drawn in the callee's country.
        const payloads = facts(run('voice.outbound', { outcome, to: msisdn }, seed));
        for (const payload of payloads) {
          expect(payload.to).toBe(msisdn);
          expect(String(payload.from).startsWith(country.prefix)).toBe(true);
        }
        const completed = payloads.find((payload) => payload.status === 'completed');
        if (outcome === 'answered') {
          expect(completed).toMatchObject({ rate: country.voiceRate });
          expect(networks).toContain(completed?.network);
        }
      }
    }
    run('voice.outbound', { to: msisdn, from: '14155550100' }, 1);
  });

  it('voice.inbound and sms.inbound.concatenated take it as the caller or sender', () => {
    for (const seed of seeds) {
      for (const payload of facts(run('voice.inbound', { from: msisdn }, seed))) {
        expect(payload.from).toBe(msisdn);
      }
      run('voice.inbound', { from: '14155550100', to: msisdn }, seed);
      for (const payload of facts(run('sms.inbound.concatenated', { from: msisdn }, seed))) {
        expect(payload.msisdn).toBe(msisdn);
      }
    }
  });

  it("number_insight.advanced_async: the callback reports the number's country", () => {
    faker.seed(5);
    const { country } = toPhoneNumber(faker, msisdn, 'number');
    const variants = numberInsightVariants.filter(
      (variant) => variant !== 'cnam' && (variant !== 'ported' || networks.length > 1),
    );
    for (const variant of variants) {
      for (const seed of seeds) {
        const [callback] = facts(run('number_insight.advanced_async', { number: msisdn, variant }, seed));
        expect(callback).toMatchObject({
          international_format_number: msisdn,
          country_code: country.iso2,
          country_code_iso3: country.iso3,
          country_name: country.name,
          country_prefix: country.prefix,
        });
      }
    }
  });
});

describe('scenarios with a number outside the table', () => {
  it('number_insight.advanced_async: throws for "ported", which needs a second network of the country', () => {
    const error = thrownBy(() =>
      createScenario('number_insight.advanced_async', { params: { number: nigeria, variant: 'ported' } }),
    );
    expect(isVwsError(error) && error.code).toBe('VWS_ERR_INVALID_OPTION');
    expect(error.message).toContain('Nigeria (+234)');
    expect(error.message).toContain('BR (+55)');
  });

  it('throws for a number of an unassigned calling code in every scenario that takes numbers', () => {
    const unassigned = '2801234567';
    for (const [name, params] of [
      ['sms.send', { to: unassigned }],
      ['messages.send', { channel: 'whatsapp', to: unassigned }],
      ['voice.outbound', { to: unassigned }],
      ['voice.inbound', { from: unassigned }],
      ['number_insight.advanced_async', { number: unassigned }],
    ] as const) {
      const error = thrownBy(() => createScenario(name, { params } as never));
      expect(error.message, name).toContain(`"${unassigned}": it starts with no assigned`);
    }
  });
});
