import { VwsError } from '../../errors.js';
import type { EventName, EventVersion, WebhookEventMap, WebhookVersionMap } from '../../fixtures/events.js';
import { generate } from '../../fixtures/generate.js';
import type { MessagesChannel, MessagesInboundType } from '../../fixtures/messages/types.js';
import type { DeepPartial, FixtureOptions } from '../../fixtures/shared/types.js';
import { findClosest } from '../../internal/closest.js';
import { deepMerge } from '../../internal/deep-merge.js';
import type { VoiceStep } from '../../scenarios/voice-call.js';
import { getSchema, type JsonSchema } from '../../schemas/index.js';
import type { EndUserScript } from '../engine/end-user-script.js';

type Payload = Record<string, unknown>;

/** Payload fields of an inbound SMS, whichever variant the text makes (one part, unicode, several parts). */
type InboundSmsPayload =
  | WebhookEventMap['sms.inbound.text']
  | WebhookEventMap['sms.inbound.unicode']
  | WebhookEventMap['sms.inbound.concatenated'];

/**
 * Parameters of `pushInboundSms`. The convenience values and `overrides` name the same payload
 * fields (`from` is `msisdn`, `apiKey` is `api-key`): give each once, or twice with the same value.
 *
 * @example
 * ```ts
 * import { createFakeVonage, type InboundSmsParams } from 'vonage-webhook-simulator';
 * const params: InboundSmsParams = { from: '447700900123', text: 'STOP', overrides: { keyword: 'STOP' } };
 * createFakeVonage({ timeScale: 0 }).pushInboundSms(params);
 * ```
 * @see https://developer.vonage.com/en/messaging/sms/guides/inbound-sms
 */
export interface InboundSmsParams {
  /** The sender (`msisdn`), E.164 without `+`; drawn from the seed when absent. */
  readonly from?: string;
  /** Your Vonage number (`to`). */
  readonly to?: string;
  /** The whole message: over 160 GSM-7 characters (70 UCS-2) it arrives as one webhook per part. */
  readonly text?: string;
  /** The `messageId` of each part, in part order. */
  readonly messageIds?: readonly string[];
  /** The `concat-ref` the parts of a long message share (digits). */
  readonly concatRef?: string;
  /** The `api-key` field; default the account's API key. */
  readonly apiKey?: string;
  /**
   * Payload fields, deep-merged last into every part (arrays replace), as `generate`'s `overrides`;
   * `text` is the whole message and `messageId` of a long message is set with `messageIds`.
   */
  readonly overrides?: DeepPartial<InboundSmsPayload>;
}

/**
 * Parameters of `pushIncomingCall`. `overrides` apply to the `voice.answer.inbound` payload; the
 * fields the call's events share (`from`, `to`, `uuid`, `conversation_uuid`) follow them.
 *
 * @example
 * ```ts
 * import { createFakeVonage, type IncomingCallParams } from 'vonage-webhook-simulator';
 * const params: IncomingCallParams = { to: '447700900000', overrides: { from: '447700900123' } };
 * createFakeVonage({ timeScale: 0 }).pushIncomingCall(params);
 * ```
 * @see https://developer.vonage.com/en/voice/voice-api/webhook-reference#answer-webhook
 */
export interface IncomingCallParams {
  /** The caller, E.164 without `+`. */
  readonly from?: string;
  /** Your Vonage number that is called. */
  readonly to?: string;
  /** The leg id. */
  readonly uuid?: string;
  /** The conversation id, `CON-` and a UUID. */
  readonly conversationUuid?: string;
  /**
   * What the caller does: `press 12#`, `say "yes please"`, `wait 3s`, `silence`, `hang up`
   * (docs/decisions/107). Default: nothing, so inputs time out and the call runs its NCCO to the end.
   */
  readonly caller?: EndUserScript;
  /** @deprecated The app's NCCO decides the steps now; say what the caller does with `caller`. Ignored. */
  readonly steps?: readonly VoiceStep[];
  /** @deprecated Who hangs up follows from the caller's script (`hang up`) and the NCCO. Ignored. */
  readonly disconnectedBy?: 'user' | 'platform';
  /** Fields of the answer request, deep-merged last (arrays replace), as `generate`'s `overrides`. */
  readonly overrides?: DeepPartial<WebhookEventMap['voice.answer.inbound']>;
}

/** The catalog event of an inbound message of a channel and type. */
export type InboundMessageEvent<
  TChannel extends MessagesChannel,
  TType extends string,
> = `messages.inbound.${TChannel}.${TType}` & EventName;

/** The params of `pushInboundMessage` every shape shares. */
interface InboundMessageBaseParams<TType extends string> {
  /** The `message_type`; default `text`. */
  readonly messageType?: TType;
  /** The sender (`from`, or `from.number`/`from.id` in v0.1). */
  readonly from?: string;
  /** Your number, page, agent or service id (`to`, or `to.number`/`to.id` in v0.1). */
  readonly to?: string;
  /** The text of a `text` message. */
  readonly text?: 'text' extends TType ? string : never;
  /** The `message_uuid`; default the fake's next id. */
  readonly messageUuid?: string;
}

/**
 * Parameters of `pushInboundMessage` on a channel, typed by its message type: `overrides` are a deep
 * partial of the payload (`WebhookEventMap`), or of its v0.1 shape with `webhookVersion: 'v0.1'`
 * (`WebhookVersionMap`), so a field the payload does not have fails to compile.
 *
 * @example
 * ```ts
 * import { createFakeVonage, type InboundMessageParams } from 'vonage-webhook-simulator';
 * const params: InboundMessageParams<'rcs', 'reply'> = {
 *   messageType: 'reply',
 *   overrides: { reply: { id: 'brazil', title: 'Brazil' } },
 * };
 * createFakeVonage({ timeScale: 0 }).pushInboundMessage('rcs', params);
 * ```
 * @see https://developer.vonage.com/en/api/messages#inbound-message
 */
export type InboundMessageParams<
  TChannel extends MessagesChannel,
  TType extends MessagesInboundType<TChannel> = 'text' & MessagesInboundType<TChannel>,
> = InboundMessageBaseParams<TType> &
  (
    | {
        /** The wire shape: `v1` (default) or, where the catalog has it, `v0.1`. */
        readonly webhookVersion?: 'v1';
        /** Payload fields, deep-merged last (arrays replace), as `generate`'s `overrides`. */
        readonly overrides?: DeepPartial<WebhookEventMap[InboundMessageEvent<TChannel, TType>]>;
      }
    | ('v0.1' extends EventVersion<InboundMessageEvent<TChannel, TType>>
        ? {
            readonly webhookVersion: 'v0.1';
            readonly overrides?: DeepPartial<
              WebhookVersionMap[InboundMessageEvent<TChannel, TType>]['v0.1' &
                EventVersion<InboundMessageEvent<TChannel, TType>>]
            >;
          }
        : never)
  );

/** What the overrides of one push are checked against. */
export interface OverrideTarget {
  /** The catalog event whose payload they change. */
  readonly event: EventName;
  /** Its wire shape, when not the default (`v0.1`). */
  readonly version?: string;
  /** What to do instead of changing a field the event fixes (`channel`, `message_type`, the SMS `type`). */
  readonly fixedHint: string;
  /** Top-level fields a push may not set, each with the reason and the way to get it. */
  readonly reserved?: Readonly<Record<string, string>>;
}

/** A JSON kind as the check compares them: JSON Schema's types, with `integer` counted as a number. */
type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';
const allKinds: readonly Kind[] = ['string', 'number', 'boolean', 'object', 'array', 'null'];

/** What a schema node allows, flattened over `anyOf`/`oneOf` (the `nullable` form). */
interface Shape {
  readonly kinds: ReadonlySet<Kind>;
  readonly properties: Readonly<Record<string, JsonSchema>> | undefined;
  readonly patternProperties: Readonly<Record<string, JsonSchema>> | undefined;
  readonly items: JsonSchema | undefined;
  readonly fixed: { readonly value: unknown } | undefined;
}

function isPlainObject(value: unknown): value is Payload {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function toKind(type: unknown): Kind | undefined {
  if (type === 'integer') return 'number';
  return (allKinds as readonly unknown[]).includes(type) ? (type as Kind) : undefined;
}

function toShape(schema: JsonSchema): Shape {
  const branches = [schema.anyOf, schema.oneOf].flatMap((list) =>
    Array.isArray(list) ? (list as JsonSchema[]) : [],
  );
  const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
  const kinds = new Set(types.map(toKind).filter((kind) => kind !== undefined));
  let properties = schema.properties as Record<string, JsonSchema> | undefined;
  let patternProperties = schema.patternProperties as Record<string, JsonSchema> | undefined;
  let items = schema.items as JsonSchema | undefined;
  for (const branch of branches.map(toShape)) {
    for (const kind of branch.kinds) kinds.add(kind);
    if (branch.properties !== undefined) properties = { ...branch.properties, ...properties };
    if (branch.patternProperties !== undefined) {
      patternProperties = { ...branch.patternProperties, ...patternProperties };
    }
    items ??= branch.items;
  }
  // A node that names no type (and no branch that does) takes any JSON value.
  if (kinds.size === 0) for (const kind of allKinds) kinds.add(kind);
  return {
    kinds,
    properties,
    patternProperties,
    items,
    fixed: Object.hasOwn(schema, 'const') ? { value: schema.const } : undefined,
  };
}

function kindOf(value: unknown): Kind | string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : String(value);
  if (typeof value === 'object') {
    return isPlainObject(value) ? 'object' : `a ${value.constructor?.name ?? 'class'} object`;
  }
  const type = typeof value;
  return type === 'string' || type === 'boolean' ? type : `a ${type}`;
}

function describeKind(kind: Kind): string {
  if (kind === 'null') return 'null';
  return kind === 'array' || kind === 'object' ? `an ${kind}` : `a ${kind}`;
}

function describeKinds(kinds: ReadonlySet<Kind>): string {
  const names = [...kinds].map(describeKind);
  return names.length <= 1
    ? (names[0] ?? 'any value')
    : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

function fieldSchema(shape: Shape, key: string): JsonSchema | undefined {
  if (shape.properties !== undefined && Object.hasOwn(shape.properties, key)) return shape.properties[key];
  for (const [pattern, schema] of Object.entries(shape.patternProperties ?? {})) {
    if (new RegExp(pattern).test(key)) return schema;
  }
  return undefined;
}

/** The value the default-seed payload has at a path, to show in an error as an example. */
function exampleAt(target: OverrideTarget, path: readonly string[]): unknown {
  const options: FixtureOptions<unknown> & { version?: string } =
    target.version === undefined ? {} : { version: target.version };
  let node: unknown = (generate as unknown as (name: string, options: object) => unknown)(
    target.event,
    options,
  );
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** The schema of a push's payload: its catalog event, in the given wire shape. */
export function toPayloadSchema(target: Pick<OverrideTarget, 'event' | 'version'>): JsonSchema {
  return getSchema(target.event, target.version === undefined ? {} : { version: target.version });
}

/**
 * The schema of one field of a push's payload (`['from']`, `['from', 'number']`), or `undefined`
 * when the payload cannot have it.
 */
export function toFieldSchema(
  target: Pick<OverrideTarget, 'event' | 'version'>,
  path: readonly string[],
): JsonSchema | undefined {
  let schema: JsonSchema | undefined = toPayloadSchema(target);
  for (const segment of path) {
    if (schema === undefined) return undefined;
    schema = fieldSchema(toShape(schema), segment);
  }
  return schema;
}

function checkNode(
  value: unknown,
  schema: JsonSchema,
  path: readonly string[],
  target: OverrideTarget,
  problems: string[],
): void {
  const where = `overrides.${path.join('.')}`;
  const shape = toShape(schema);
  const kind = kindOf(value);
  if (!(allKinds as readonly string[]).includes(kind)) {
    problems.push(`${where} is ${kind}, not a JSON value`);
    return;
  }
  if (!shape.kinds.has(kind as Kind)) {
    const example = exampleAt(target, path);
    const hint = example === undefined ? '' : ` such as ${JSON.stringify(example)}`;
    const expected = describeKinds(shape.kinds);
    problems.push(
      `${where} is ${expected} in ${target.event}, not ${describeKind(kind as Kind)}: give ${expected}${hint}`,
    );
    return;
  }
  if (shape.fixed !== undefined && JSON.stringify(shape.fixed.value) !== JSON.stringify(value)) {
    problems.push(
      `${where} is always ${JSON.stringify(shape.fixed.value)} in ${target.event}, as the event's name says: ${target.fixedHint}`,
    );
    return;
  }
  if (kind === 'object' && (shape.properties !== undefined || shape.patternProperties !== undefined)) {
    checkFields(value as Payload, shape, path, target, problems);
  }
  if (kind === 'array' && shape.items !== undefined) {
    const items = shape.items;
    (value as unknown[]).forEach((item, index) => {
      checkNode(item, items, [...path, String(index)], target, problems);
    });
  }
}

function checkFields(
  value: Payload,
  shape: Shape,
  path: readonly string[],
  target: OverrideTarget,
  problems: string[],
): void {
  const known = Object.keys(shape.properties ?? {});
  for (const [key, field] of Object.entries(value)) {
    const fieldPath = [...path, key];
    const reserved = path.length === 0 ? target.reserved?.[key] : undefined;
    if (reserved !== undefined) {
      problems.push(`overrides.${key} cannot be set on a push: ${reserved}`);
      continue;
    }
    const schema = fieldSchema(shape, key);
    if (schema === undefined) {
      const closest = findClosest(key, known, 1);
      const hint = closest.length > 0 ? ` (did you mean "${closest[0]}"?)` : '';
      const owner = path.length === 0 ? target.event : `${path.join('.')} in ${target.event}`;
      const listed = known.length > 0 ? `; it has ${known.join(', ')}` : '';
      problems.push(`overrides.${fieldPath.join('.')} is not a field of ${owner}${hint}${listed}`);
      continue;
    }
    // `undefined` removes the field, as with `generate`; JSON has no way to send it.
    if (field === undefined) continue;
    checkNode(field, schema, fieldPath, target, problems);
  }
}

/**
 * Checks the `overrides` of a push against the payload its event can carry (the event's JSON Schema:
 * every field the generator may produce, optional ones included): each field must exist, its value
 * must be of the field's JSON kind (string, number, boolean, object, array; `null` only where the
 * payload allows it) and equal a value the event fixes. Throws one `VWS_ERR_INVALID_OPTION` naming
 * every wrong field path and the fix; returns the overrides, or `undefined` when none were given.
 */
export function checkOverrides(overrides: unknown, target: OverrideTarget): Payload | undefined {
  if (overrides === undefined) return undefined;
  if (!isPlainObject(overrides)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid overrides (${kindOf(overrides)}) for ${target.event}: give an object of payload fields, e.g. { "from": "447700900123" }.`,
    );
  }
  const problems: string[] = [];
  checkFields(overrides, toShape(toPayloadSchema(target)), [], target, problems);
  if (problems.length > 0) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid overrides for ${target.event}${target.version === undefined ? '' : ` (${target.version})`}: ${problems.join('; ')}. Overrides change fields the payload has, with values of their type; "vws show ${target.event}${target.version === undefined ? '' : ` --webhook-version ${target.version}`}" prints one.`,
    );
  }
  return overrides;
}

/** The override at a path (`['from', 'number']`), or `undefined`. */
export function readOverride(overrides: Payload | undefined, path: readonly string[]): unknown {
  let node: unknown = overrides;
  for (const segment of path) {
    if (!isPlainObject(node)) return undefined;
    node = node[segment];
  }
  return node;
}

/**
 * One value given two ways: a convenience param and the payload field it sets in `overrides`. Both
 * given, they must be equal (a push never picks one silently); returns the one given, or `undefined`.
 */
export function foldParam(
  params: Readonly<Payload>,
  param: string,
  overrides: Payload | undefined,
  path: readonly string[],
): unknown {
  const direct = params[param];
  const override = readOverride(overrides, path);
  if (direct !== undefined && override !== undefined && JSON.stringify(direct) !== JSON.stringify(override)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `${param} ${JSON.stringify(direct)} and overrides.${path.join('.')} ${JSON.stringify(override)} set the same payload field: give it once (either way).`,
    );
  }
  return direct ?? override;
}

/** Deep-merges checked overrides into a generated payload, last (arrays replace, `undefined` removes). */
export function applyOverrides(payload: Payload, overrides: Payload | undefined): Payload {
  return overrides === undefined ? payload : deepMerge(payload, overrides);
}
