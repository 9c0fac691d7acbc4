import { ownValue } from '../../internal/own-value.js';
import { anyObject, object } from '../engine/compound-fields.js';
import { type Context, fail } from '../engine/issues.js';
import { child, has, isObject, kind } from '../engine/json-value.js';
import { oneOf, text } from '../engine/scalar-fields.js';
import { byDiscriminator, present } from '../engine/schema-parts.js';
import { checkShape, type Field, type Rule, type Shape, toShapeSchemas } from '../engine/shape.js';
import { url } from '../engine/url-fields.js';
import { type NccoEndpointType, nccoEndpointTypes, nccoRules } from '../ncco-rules.js';
import { e164 } from './e164.js';

// The endpoint objects of a `connect` action (reference ncco.md, "Endpoint objects"), one shape per type.

const sipTarget: Rule = {
  check: (value, path, ctx) => {
    // A SIP endpoint names its target by uri, or by user and domain (Ruby SDK; reference ncco.md).
    if (!has(value, 'uri')) {
      if (!has(value, 'user')) {
        fail(ctx, child(path, 'uri'), 'uri is required: a sip: or sips: URI (or give user and domain)');
      } else if (!has(value, 'domain')) {
        fail(ctx, child(path, 'domain'), 'domain is required with user (or give uri instead)');
      }
    }
  },
  schema: { anyOf: [present('uri'), present('user', 'domain')] },
};

/** The keys of each endpoint type; `type` itself is the discriminator. */
export const endpointShapes: Readonly<Record<NccoEndpointType, Shape>> = {
  phone: {
    required: ['number'],
    fields: {
      number: e164('E.164 digits, e.g. 447700900000.'),
      dtmfAnswer: text({
        pattern: nccoRules.patterns.dtmfAnswer,
        expect: 'digits, *, # and p (a 500 ms pause)',
      }),
      onAnswer: object(
        {
          required: ['url'],
          fields: { url: url(), ringbackTone: url(), ringback: url() },
        },
        'an object ({ url, ringbackTone })',
      ),
      shaken: text(),
    },
  },
  app: {
    required: ['user'],
    fields: { user: text({ nonEmpty: true, expect: 'the Client SDK user name' }) },
  },
  websocket: {
    required: ['uri'],
    fields: {
      uri: url('websocket'),
      'content-type': oneOf(nccoRules.websocketContentTypes),
      headers: anyObject('an object of metadata'),
    },
  },
  sip: {
    fields: {
      uri: text({ pattern: nccoRules.patterns.sipUri, expect: 'a sip: or sips: URI' }),
      user: text({ nonEmpty: true }),
      domain: text({ nonEmpty: true }),
      headers: anyObject('an object of header names and values'),
      standardHeaders: anyObject('an object such as { "User-to-User": "..." }'),
    },
    rules: [sipTarget],
  },
  vbc: {
    required: ['extension'],
    fields: { extension: text({ nonEmpty: true, expect: 'the VBC extension, a string' }) },
  },
};

const endpointType = oneOf(nccoEndpointTypes);

function checkEndpoint(value: unknown, path: string, ctx: Context): void {
  if (!isObject(value)) {
    fail(
      ctx,
      path,
      `an endpoint must be an object with a type (${nccoEndpointTypes.join(', ')}), got ${kind(value)}`,
    );
    return;
  }
  if (!has(value, 'type')) {
    fail(ctx, child(path, 'type'), `type is required: ${endpointType.expect}`);
    return;
  }
  endpointType.check(value.type, child(path, 'type'), 'type', ctx);
  // An own-property lookup: `toString` or `__proto__` is an unknown type, not Object's method.
  const shape = typeof value.type === 'string' ? ownValue(endpointShapes, value.type) : undefined;
  if (shape === undefined) return;
  checkShape(value, path, shape, ctx, 'type');
}

/** `endpoint` of a connect action: an array of exactly one endpoint object. */
export const endpoint: Field = {
  expect: 'an array with exactly one endpoint object',
  check: (value, path, key, ctx) => {
    if (!Array.isArray(value)) {
      const hint = isObject(value) ? ' (wrap the endpoint in [ ])' : '';
      fail(ctx, path, `${key} must be an array with exactly one endpoint object, got ${kind(value)}${hint}`);
      return;
    }
    if (value.length !== 1) {
      const got = value.length === 0 ? 'an empty array' : `${value.length} endpoints`;
      fail(
        ctx,
        path,
        `${key} must hold exactly one endpoint object, got ${got} (chain connect actions to try several in turn)`,
      );
    }
    value.forEach((entry, index) => {
      checkEndpoint(entry, child(path, index), ctx);
    });
  },
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['type'],
      properties: { type: endpointType.schema },
      allOf: byDiscriminator('type', toShapeSchemas(endpointShapes)),
    },
    minItems: 1,
    maxItems: 1,
  },
};
