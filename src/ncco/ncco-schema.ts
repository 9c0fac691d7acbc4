import type { JsonSchema } from '../fixtures/shared/json-schema.js';
import { actionName, actionShapes } from './actions/action-shapes.js';
import { byDiscriminator } from './engine/schema-parts.js';
import { toShapeSchemas } from './engine/shape.js';

// The NCCO (reference ncco.md) as JSON Schema draft-07, for users' editors and for checking NCCOs with any
// validator. Derived from the same action shapes as `validateNcco`; what JSON Schema cannot say is
// listed in decision 060 (a bargeIn talk/stream needs a later input; SSML text length without tags;
// warnings such as unknown keys, clamped wait timeouts and legacy spellings). Objects stay open like
// every shipped schema (decision 004): Vonage ignores unknown keys (decision 061).

/**
 * JSON Schema (draft-07) of a current NCCO (reference ncco.md), the rules of `validateNcco` that JSON
 * Schema can express. Point an editor at it for completion and checks while writing answer NCCOs.
 *
 * @example
 * ```ts
 * import { Ajv } from 'ajv';
 * import { nccoSchema } from 'vonage-webhook-simulator';
 * const validate = new Ajv().compile(nccoSchema);
 * validate([{ action: 'talk', text: 'Hello' }]); // true
 * ```
 * @see https://developer.vonage.com/en/voice/voice-api/ncco-reference
 */
export const nccoSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://vonage-webhook-simulator.local/schemas/ncco.schema.json',
  title: 'NCCO',
  description: 'A Vonage Call Control Object: a non-empty JSON array of actions, run in order.',
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['action'],
    properties: { action: actionName.schema },
    allOf: byDiscriminator('action', toShapeSchemas(actionShapes)),
  },
};
