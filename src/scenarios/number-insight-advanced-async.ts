import { VwsError } from '../errors.js';
import {
  createRoamingNetwork,
  toNumberInsightCarrier,
} from '../fixtures/number-insight/number-insight-events.js';
import { countries } from '../fixtures/shared/countries.js';
import { createUuid } from '../fixtures/shared/ids.js';
import { createPhoneNumber, findCountry } from '../fixtures/shared/phone.js';
import { toPhoneNumber } from './phone-of.js';
import { checkParam, createScenarioContext, pickParam, toScenario, toWebhook } from './scenario-context.js';
import type { Scenario, ScenarioOptions } from './types.js';

/** The kinds of Advanced async result, one per `number_insight.advanced_async.<variant>` event. */
export const numberInsightVariants = [
  'success',
  'partial',
  'invalid_number',
  'roaming',
  'roaming_unknown',
  'ported',
  'cnam',
] as const;
/** One of {@link numberInsightVariants}. */
export type NumberInsightVariant = (typeof numberInsightVariants)[number];

/** Parameters of {@link createNumberInsightAdvancedAsyncScenario}: what the `/ni/advanced/async/json` request and its answer said. */
export interface NumberInsightAdvancedAsyncParams {
  /** The number looked up, E.164 without `+`; its country fills the country fields and carriers. */
  readonly number: string;
  /** `request_id` of the request's immediate answer (at most 40 characters). */
  readonly requestId: string;
  /** Default `success`; `cnam` needs a US number (CNAM is US-only). */
  readonly variant: NumberInsightVariant;
}

/**
 * The one callback of a Number Insight Advanced async lookup (reference number-insight.md), sent to the request's
 * `callback` URL seconds later: `number_insight.advanced_async.<variant>` with the request's
 * `request_id`, the number in international and national format, its country, and carriers of that
 * country (a ported number's current carrier differs from the original one; a roaming one visits
 * another country).
 *
 * @example
 * ```ts
 * import { createNumberInsightAdvancedAsyncScenario } from 'vonage-webhook-simulator';
 * const lookup = createNumberInsightAdvancedAsyncScenario({ params: { number: '14155550100', variant: 'cnam' } });
 * lookup.webhooks[0]?.payload.request_id === lookup.ids.request_id; // true
 * ```
 * @see https://developer.vonage.com/en/number-insight/code-snippets/number-insight-advanced-async-callback
 */
export function createNumberInsightAdvancedAsyncScenario(
  options: ScenarioOptions<NumberInsightAdvancedAsyncParams> = {},
): Scenario {
  const context = createScenarioContext('number_insight.advanced_async', options);
  const { faker } = context;
  const params = options.params ?? {};
  const variant = pickParam(params.variant, numberInsightVariants, 'success', 'number_insight variant');
  const number =
    params.number === undefined
      ? createPhoneNumber(faker, variant === 'cnam' ? findCountry('US') : undefined)
      : toPhoneNumber(faker, params.number, 'number');
  const { country } = number;
  if (variant === 'cnam' && country.iso2 !== 'US') {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Variant "cnam" needs a US number (CNAM is US-only); got ${country.iso2}: pass a number starting with 1.`,
    );
  }
  const otherCarriers = country.carriers.filter((c) => c.networkCode !== number.carrier.networkCode);
  // Numbers outside the fixtures' table have one, example network (docs/decisions/104).
  if (variant === 'ported' && otherCarriers.length === 0) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Variant "ported" needs a second network of the number's country to port from; the simulator knows none for ${country.name} (+${country.prefix}): pass a number of ${countries.map((c) => `${c.iso2} (+${c.prefix})`).join(', ')}, or another variant.`,
    );
  }
  const requestId =
    params.requestId === undefined
      ? createUuid(faker)
      : checkParam(params.requestId, /^.{1,40}$/s, 'requestId', 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab');
  const original = toNumberInsightCarrier(number.carrier, country);
  const current =
    variant === 'ported'
      ? toNumberInsightCarrier(faker.helpers.arrayElement(otherCarriers), country)
      : original;
  const roaming = variant === 'roaming' ? createRoamingNetwork(faker, country) : undefined;
  const at = faker.number.int({ min: 1_500, max: 8_000 });
  const event = `number_insight.advanced_async.${variant}` as const;
  const webhook = toWebhook(context, 'callback', event, at, (base) => ({
    request_id: requestId,
    international_format_number: number.msisdn,
    national_format_number: country.formatNational(number.nationalSignificant),
    country_code: country.iso2,
    country_code_iso3: country.iso3,
    country_name: country.name,
    country_prefix: country.prefix,
    // A carrier the lookup did not find stays null, as the variant has it.
    ...(base.current_carrier === null ? {} : { current_carrier: { ...current } }),
    ...(base.original_carrier === null ? {} : { original_carrier: { ...original } }),
    ...(roaming === undefined ? {} : { roaming }),
  }));
  return toScenario(context, [webhook], { request_id: requestId }, options);
}
