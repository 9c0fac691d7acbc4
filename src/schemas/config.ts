import { transportFormats } from '../fixtures/shared/define-event.js';
import type { JsonSchema } from '../fixtures/shared/json-schema.js';
import { signingModes } from '../signing/signing-modes.js';
import { smsSignatureMethods } from '../signing/sms-signature.js';

/** A `forms` value: `every`, `documented`, or named forms per group (docs/decisions/112). */
const formsSchema: JsonSchema = {
  if: { type: 'string' },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, not a promise
  then: { enum: ['every', 'documented'] },
  else: {
    type: 'object',
    propertyNames: { pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    additionalProperties: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
  },
  description:
    'Forms of real traffic the checks send: "every" (default: a "delivers <group>=<form>" check per form seen in real traffic), "documented" (none), or named forms per group used in every check, e.g. { "timestamp": "seconds" }. See vws show <event> --forms list.',
};

/** A `defensive` value. */
const defensiveSchema: JsonSchema = {
  type: 'boolean',
  description:
    'Also send each event with every optional field absent and with an unknown field added, expecting the same acceptance (default: true).',
};

/**
 * JSON Schema of `vws.config.json`, the configuration of `vws contract` (shipped as
 * `schemas/vws.config.schema.json` so editors autocomplete it).
 */
export const configSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://vonage-webhook-simulator.local/schemas/vws.config.schema.json',
  title: 'vws.config.json',
  description: 'Which endpoints of your app receive which Vonage webhooks, and how vws contract checks them.',
  type: 'object',
  additionalProperties: false,
  required: ['endpoints'],
  properties: {
    $schema: { type: 'string' },
    baseUrl: {
      type: 'string',
      pattern: '^https?://',
      description: 'Base URL of your app; endpoint paths are resolved against it (overridden by --base-url).',
    },
    signatureSecret: {
      type: 'string',
      minLength: 1,
      description:
        'Signature secret to sign with (default: $VONAGE_SIGNATURE_SECRET). Prefer the environment for real secrets.',
    },
    apiKey: {
      type: 'string',
      minLength: 1,
      description: 'API key for the JWT api_key claim (default: $VONAGE_API_KEY).',
    },
    applicationId: {
      type: 'string',
      minLength: 1,
      description: 'Application id for the JWT application_id claim (default: $VONAGE_APPLICATION_ID).',
    },
    seed: {
      type: 'integer',
      minimum: 0,
      description: 'Seed of the generated payloads (default: random, printed).',
    },
    forms: formsSchema,
    defensive: defensiveSchema,
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'events'],
        properties: {
          name: { type: 'string', description: 'A label for reports (default: the path).' },
          path: {
            type: 'string',
            pattern: '^/',
            description: 'Path of the endpoint, e.g. /webhooks/inbound-sms.',
          },
          method: {
            enum: ['GET', 'POST'],
            description: 'HTTP method the endpoint takes; picks the transport with format.',
          },
          format: {
            enum: [...transportFormats],
            description:
              "Transport: query (GET), form (POST form) or json (POST JSON). Default: the webhook's default.",
          },
          events: {
            type: 'array',
            minItems: 1,
            items: { type: 'string', pattern: '^[a-z_]+(\\.[a-z0-9_]+)*$' },
            description:
              'Event names, or family names meaning every variant under them (e.g. "sms.delivery_receipt").',
          },
          webhookVersion: {
            enum: ['v1', 'v0.1'],
            description:
              "Messages webhook format the endpoint receives, as the application's messages.version sets it: v1 (default) or the legacy v0.1 (messages events without a v0.1 shape, such as RCS, are skipped).",
          },
          signatureMethod: {
            enum: [...smsSignatureMethods, 'jwt'],
            description:
              'SMS API signature method, or jwt (default: md5hash for SMS API webhooks, jwt for the others).',
          },
          verifiesSignature: {
            type: 'boolean',
            description:
              'The endpoint checks signatures: vws contract also sends every negative signing mode and expects a rejection.',
          },
          negativeModes: {
            type: 'array',
            items: { enum: signingModes.filter((mode) => mode !== 'valid') },
            description: 'Restrict the negative signing modes sent (default: all that apply to the webhook).',
          },
          expectStatus: {
            type: 'string',
            pattern: '^[1-5][0-9]{2}(-[1-5][0-9]{2})?$',
            description: "Accepted statuses for valid webhooks (default: 200-205, Vonage's rule).",
          },
          rejectStatus: {
            type: 'string',
            pattern: '^[1-5][0-9]{2}(-[1-5][0-9]{2})?$',
            description: 'Statuses that count as a rejection of a bad signature (default: 400-599).',
          },
          forms: { ...formsSchema, description: `${formsSchema.description} Overrides the top-level forms.` },
          defensive: {
            ...defensiveSchema,
            description: `${defensiveSchema.description} Overrides the top-level defensive.`,
          },
        },
      },
    },
  },
};
