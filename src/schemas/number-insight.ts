import type { numberInsightEvents } from '../fixtures/number-insight/number-insight-events.js';
import {
  numberInsightNetworkTypes,
  numberInsightPortedStatuses,
  numberInsightReachabilities,
  numberInsightValidities,
} from '../fixtures/number-insight/types.js';
import {
  integerSchema,
  type JsonSchema,
  nullable,
  objectSchema,
  patterns,
  stringSchema,
} from './json-schema.js';

// Reference 4 and spec-ni `niResponseJsonAdvancedAsync` / `niResponseJsonAdvancedRoamingUnknown`.
const eurPrice = stringSchema({ pattern: '^[0-9]+\\.[0-9]{6,8}$', description: 'EUR amount.' });

const carrier = objectSchema(
  {
    network_code: nullable(stringSchema({ pattern: patterns.networkCode })),
    name: nullable(stringSchema({ minLength: 1 })),
    country: nullable(stringSchema({ pattern: '^[A-Z]{2}$' })),
    network_type: nullable(stringSchema({ enum: numberInsightNetworkTypes })),
  },
  {},
  'A carrier; every member is nullable in the spec.',
);

const notRoaming = objectSchema({ status: stringSchema({ const: 'not_roaming' }) });
const roamingAbroad = objectSchema({
  status: stringSchema({ const: 'roaming' }),
  roaming_country_code: stringSchema({ pattern: '^[A-Z]{2}$' }),
  roaming_network_code: stringSchema({ pattern: patterns.networkCode }),
  roaming_network_name: stringSchema({ minLength: 1 }),
});

const callerIdentity = objectSchema(
  {
    caller_type: stringSchema({ enum: ['business', 'consumer', 'unknown'] }),
    caller_name: stringSchema({ minLength: 1 }),
  },
  { first_name: stringSchema(), last_name: stringSchema() },
  'CNAM data; only with cnam=true (US).',
);

interface Variant {
  status: JsonSchema;
  lookupOutcome: JsonSchema;
  roaming: JsonSchema;
  currentCarrier?: JsonSchema;
  originalCarrier?: JsonSchema;
  validNumber?: JsonSchema;
  reachable?: JsonSchema;
  ported?: JsonSchema;
  refundPrice?: boolean;
  callerIdentity?: boolean;
  description: string;
}

function advancedAsync(variant: Variant): JsonSchema {
  return objectSchema(
    {
      status: variant.status,
      status_message: stringSchema({ minLength: 1 }),
      lookup_outcome: variant.lookupOutcome,
      lookup_outcome_message: stringSchema({ minLength: 1 }),
      request_id: stringSchema({ minLength: 1, maxLength: 40 }),
      international_format_number: stringSchema({ pattern: patterns.msisdn }),
      national_format_number: stringSchema({ pattern: '^[0-9 ()+-]+$' }),
      country_code: stringSchema({ pattern: '^[A-Z]{2}$' }),
      country_code_iso3: stringSchema({ pattern: '^[A-Z]{3}$' }),
      country_name: stringSchema({ minLength: 1 }),
      country_prefix: stringSchema({ pattern: '^[1-9][0-9]{0,2}$' }),
      request_price: eurPrice,
      remaining_balance: eurPrice,
      current_carrier: variant.currentCarrier ?? nullable(carrier),
      original_carrier: variant.originalCarrier ?? nullable(carrier),
      valid_number: variant.validNumber ?? stringSchema({ enum: numberInsightValidities }),
      reachable: variant.reachable ?? nullable(stringSchema({ enum: numberInsightReachabilities })),
      ported: variant.ported ?? nullable(stringSchema({ enum: numberInsightPortedStatuses })),
      roaming: variant.roaming,
      ...(variant.callerIdentity === true ? { caller_identity: callerIdentity } : {}),
    },
    {
      ...(variant.refundPrice === true ? { refund_price: eurPrice } : {}),
      ...(variant.callerIdentity === true ? {} : { caller_identity: callerIdentity }),
    },
    variant.description,
  );
}

const statusSuccess = integerSchema({ const: 0 });

/** Payload schemas of the Number Insight events. */
export const numberInsightSchemas = {
  'number_insight.advanced_async.success': advancedAsync({
    status: statusSuccess,
    lookupOutcome: integerSchema({ const: 0 }),
    roaming: notRoaming,
    currentCarrier: carrier,
    originalCarrier: carrier,
    validNumber: stringSchema({ const: 'valid' }),
    reachable: stringSchema({ const: 'reachable' }),
    ported: stringSchema({ enum: ['not_ported', 'assumed_not_ported'] }),
    description: 'Number Insight Advanced async callback, complete success (reference 4).',
  }),
  'number_insight.advanced_async.partial': advancedAsync({
    status: integerSchema({ enum: [43, 44, 45] }),
    lookupOutcome: integerSchema({ const: 1 }),
    roaming: { type: 'null' },
    originalCarrier: carrier,
    validNumber: stringSchema({ enum: ['valid', 'inferred'] }),
    reachable: stringSchema({ const: 'unknown' }),
    refundPrice: true,
    description: 'Number Insight Advanced async callback without live mobile data (reference 4).',
  }),
  'number_insight.advanced_async.invalid_number': advancedAsync({
    status: statusSuccess,
    lookupOutcome: integerSchema({ enum: [0, 1] }),
    roaming: { type: 'null' },
    currentCarrier: { type: 'null' },
    validNumber: stringSchema({ enum: ['not_valid', 'inferred_not_valid'] }),
    reachable: stringSchema({ enum: ['bad_number', 'unknown', 'undeliverable'] }),
    description: 'Number Insight Advanced async callback for a number that does not exist (reference 4).',
  }),
  'number_insight.advanced_async.roaming': advancedAsync({
    status: statusSuccess,
    lookupOutcome: integerSchema({ const: 0 }),
    roaming: roamingAbroad,
    currentCarrier: carrier,
    originalCarrier: carrier,
    description: 'Number Insight Advanced async callback for a roaming number (reference 4).',
  }),
  'number_insight.advanced_async.roaming_unknown': advancedAsync({
    status: statusSuccess,
    lookupOutcome: integerSchema({ enum: [0, 1] }),
    roaming: stringSchema({ const: 'unknown' }),
    description: 'Number Insight Advanced async callback with roaming "unknown" (reference 4).',
  }),
  'number_insight.advanced_async.ported': advancedAsync({
    status: statusSuccess,
    lookupOutcome: integerSchema({ const: 0 }),
    roaming: notRoaming,
    currentCarrier: carrier,
    originalCarrier: carrier,
    ported: stringSchema({ enum: ['ported', 'assumed_ported'] }),
    description: 'Number Insight Advanced async callback for a ported number (reference 4).',
  }),
  'number_insight.advanced_async.cnam': advancedAsync({
    status: statusSuccess,
    lookupOutcome: integerSchema({ enum: [0, 1] }),
    roaming: notRoaming,
    callerIdentity: true,
    description: 'Number Insight Advanced async callback with CNAM caller_identity (reference 4).',
  }),
} satisfies Record<keyof typeof numberInsightEvents, JsonSchema>;
