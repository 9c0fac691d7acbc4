import { VwsError } from '../../errors.js';
import { getEvent, isEventName, listEvents } from '../../fixtures/catalog.js';
import type { EventName, WebhookEventMap } from '../../fixtures/events.js';
import { generate } from '../../fixtures/generate.js';
import { messagesChannels } from '../../fixtures/messages/types.js';
import type { DeepPartial, FixtureOptions } from '../../fixtures/shared/types.js';
import { toKeyword } from '../../fixtures/sms/text.js';
import { findClosest } from '../../internal/closest.js';
import { deepMerge } from '../../internal/deep-merge.js';
import { createScenario, type ScenarioName } from '../../scenarios/create-scenario.js';
import { toPlannedScenario, toTypedScenario } from '../../scenarios/scenario-context.js';
import { splitSmsText, toSmsEncoding } from '../../scenarios/sms-segments.js';
import type { PlannedScenario, ScenarioOptions } from '../../scenarios/types.js';
import type { CreateScenario } from '../types.js';
import {
  applyOverrides,
  checkOverrides,
  foldParam,
  type OverrideTarget,
  toFieldSchema,
} from './push-overrides.js';

type Payload = Record<string, unknown>;

/**
 * A payload of `event` as a record the push's overrides merge into. The options' overrides are
 * typed by the event (as a scenario's are), so a key the event's payload does not have is a compile
 * error; a record the push built at run time passes as it is.
 */
function generatePayload<TName extends EventName>(
  event: TName,
  options: FixtureOptions<WebhookEventMap[TName]>,
): Payload {
  const payload: object = generate(event, options);
  return payload as Payload;
}

/**
 * A payload of `event` in another wire shape (`v0.1`), one {@link toWebhookVersion} found in the
 * catalog at run time, with the convenience values placed by that shape's schema.
 */
function generateShape(event: EventName, version: string, options: FixtureOptions<Payload>): Payload {
  // `generate` types a version by a literal event name; this event and version are picked at run time.
  const generateVersion = generate as (
    name: EventName,
    options: FixtureOptions<Payload> & { version: string },
  ) => object;
  return generateVersion(event, { ...options, version }) as Payload;
}

/** `values` without the keys whose value is `undefined` (an `undefined` override removes a field). */
function withoutUndefined<TValues extends object>(
  values: TValues,
): { [K in keyof TValues]?: Exclude<TValues[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof TValues]?: Exclude<TValues[K], undefined>;
  };
}

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

/** The kind each param of a push takes; `overrides` is checked against the payload instead. */
type ParamKind = 'string' | 'strings' | 'array' | 'overrides';

const smsParamKinds: Readonly<Record<string, ParamKind>> = {
  from: 'string',
  to: 'string',
  text: 'string',
  messageIds: 'strings',
  concatRef: 'string',
  apiKey: 'string',
  overrides: 'overrides',
};

const callParamKinds: Readonly<Record<string, ParamKind>> = {
  from: 'string',
  to: 'string',
  uuid: 'string',
  conversationUuid: 'string',
  steps: 'array',
  disconnectedBy: 'string',
  overrides: 'overrides',
};

const messageParamKinds: Readonly<Record<string, ParamKind>> = {
  messageType: 'string',
  from: 'string',
  to: 'string',
  text: 'string',
  messageUuid: 'string',
  webhookVersion: 'string',
  overrides: 'overrides',
};

/**
 * Checks a push's params: an object, each param one the push knows (a typo would otherwise be
 * dropped silently) and of its kind. The lifecycle itself is lenient: its params may also come from
 * `scenario.params`.
 */
function checkParams(push: string, params: unknown, kinds: Readonly<Record<string, ParamKind>>): Payload {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw invalid(`${push}: give an object of params, e.g. { "from": "447700900123" }.`);
  }
  const known = Object.keys(kinds);
  for (const [name, value] of Object.entries(params)) {
    const kind = kinds[name];
    if (kind === undefined) {
      const closest = findClosest(name, known, 1);
      const hint =
        closest.length > 0
          ? ` Did you mean "${closest[0]}"?`
          : name === 'channel'
            ? ' The channel is the first argument.'
            : '';
      throw invalid(
        `${push}: unknown param "${name}".${hint} Use ${known.join(', ')}; payload fields go in overrides.`,
      );
    }
    if (value === undefined) continue;
    const wrong =
      (kind === 'string' && typeof value !== 'string') ||
      (kind === 'array' && !Array.isArray(value)) ||
      (kind === 'strings' && !(Array.isArray(value) && value.every((each) => typeof each === 'string')));
    if (wrong) {
      const expected =
        kind === 'string' ? 'a string' : kind === 'strings' ? 'an array of strings' : 'an array';
      throw invalid(`${push}: ${name} must be ${expected}, not ${JSON.stringify(value)}.`);
    }
  }
  return params as Payload;
}

const isPlainObject = (value: unknown): value is Payload =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Fields signing adds to an SMS API webhook: a push may not set them. */
const smsSigningFields: Readonly<Record<string, string>> = {
  timestamp: 'signing adds it (set signatureSecret and smsSignatureMethod to sign SMS webhooks)',
  nonce: 'signing adds it (set signatureSecret and smsSignatureMethod to sign SMS webhooks)',
  sig: 'signing adds it (set signatureSecret and smsSignatureMethod to sign SMS webhooks)',
};

/** An inbound SMS push, resolved: the lifecycle params and what the overrides change. */
interface InboundSmsPlan {
  readonly params: Payload;
  /** The overrides applied to each part's payload (a long message's `text` is its params' text). */
  readonly overrides: Payload | undefined;
  /** The single-part event; `undefined` for a text of several parts. */
  readonly event: SmsPartEventName | undefined;
}

/** The event of an inbound SMS of one part: GSM-7 text, or unicode. */
type SmsPartEventName = 'sms.inbound.text' | 'sms.inbound.unicode';

function planInboundSms(raw: Readonly<Payload>): InboundSmsPlan {
  const given = raw.overrides;
  const loose = isPlainObject(given) ? given : undefined;
  const folded = foldParam(raw, 'text', loose, ['text']);
  const text = typeof folded === 'string' ? folded : undefined;
  const partCount = text === undefined ? 1 : splitSmsText(text).length;
  const unicode = text !== undefined && toSmsEncoding(text) === 'unicode';
  const several = partCount > 1;
  const part: SmsPartEventName = unicode ? 'sms.inbound.unicode' : 'sms.inbound.text';
  // Overrides are checked against the payload they change: a long GSM-7 text's parts are
  // `sms.inbound.concatenated`; a unicode text's (of any length) `sms.inbound.unicode`.
  const event: EventName = several && !unicode ? 'sms.inbound.concatenated' : part;
  const overrides = checkOverrides(given, {
    event,
    fixedHint:
      'the text decides it (GSM-7 text is "text", other characters make it "unicode"); give the text instead',
    reserved: several
      ? {
          ...smsSigningFields,
          messageId: 'each part has its own; pass messageIds, one per part',
          'concat-part': 'it numbers the parts; each part gets its own',
        }
      : smsSigningFields,
  });
  const messageIds = raw.messageIds as readonly string[] | undefined;
  let concatRef = foldParam(raw, 'concatRef', overrides, ['concat-ref']);
  if (!several) {
    if (messageIds !== undefined && messageIds.length !== 1) {
      throw invalid(
        `pushInboundSms: got ${messageIds.length} messageIds for a text of one part: pass one, or the text of a longer message.`,
      );
    }
    if (raw.concatRef !== undefined) {
      throw invalid(
        'pushInboundSms: concatRef needs a text of more than one part (over 160 GSM-7 or 70 unicode characters); for a single part set overrides["concat-ref"].',
      );
    }
    // A single part's `concat-ref` is a plain override; only the parts of a long message share one.
    concatRef = undefined;
  }
  const messageId = several
    ? undefined
    : foldParam({ messageId: messageIds?.[0] }, 'messageId', overrides, ['messageId']);
  const params = withoutUndefined({
    from: foldParam(raw, 'from', overrides, ['msisdn']),
    to: foldParam(raw, 'to', overrides, ['to']),
    text,
    messageIds: messageId === undefined ? messageIds : [messageId],
    concatRef,
    apiKey: foldParam(raw, 'apiKey', overrides, ['api-key']),
  });
  // The parts of a long message each carry their slice of the text, not the whole.
  const { text: _whole, ...perPart } = overrides ?? {};
  return {
    params: overrides === undefined ? params : { ...params, overrides },
    overrides: several ? (overrides === undefined ? undefined : perPart) : overrides,
    event: several ? undefined : part,
  };
}

/**
 * The params of `pushInboundSms`, checked and resolved: unknown params, values of the wrong kind and
 * overrides the payload cannot take throw `VWS_ERR_INVALID_OPTION`; a payload field given as a param
 * and as an override must agree, and an override alone becomes the param (so `overrides.text` splits
 * into parts and sets the keyword as `text` does).
 */
export function toInboundSmsParams(params: unknown): Payload {
  return planInboundSms(checkParams('pushInboundSms', params, smsParamKinds)).params;
}

/**
 * One inbound SMS (reference sms.md#inbound-sms). A text of more than one part is the `sms.inbound.concatenated`
 * lifecycle, one webhook per part; a single part is one `sms.inbound.text` or `.unicode` webhook at
 * once, with the given numbers, text, `messageId` and API key. `overrides` are merged last into
 * every part.
 */
function createInboundSmsScenario(options: ScenarioOptions<Payload>): PlannedScenario {
  const plan = planInboundSms(options.params ?? {});
  const { params } = plan;
  if (plan.event === undefined) {
    const { overrides: _overrides, ...partParams } = params;
    const scenario = toPlannedScenario(
      createScenario('sms.inbound.concatenated', {
        ...options,
        params: partParams,
      } as ScenarioOptions<never>),
    );
    return {
      ...scenario,
      webhooks: scenario.webhooks.map((webhook) => ({
        ...webhook,
        payload: applyOverrides(webhook.payload, plan.overrides),
      })),
    };
  }
  const text = params.text as string | undefined;
  const generated = generatePayload(plan.event, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.refDate === undefined ? {} : { refDate: options.refDate }),
    // The params' values as given: the lifecycle takes them leniently (from `scenario.params` too).
    overrides: withoutUndefined({
      'api-key': params.apiKey as string | undefined,
      msisdn: params.from as string | undefined,
      to: params.to as string | undefined,
      messageId: (params.messageIds as readonly string[] | undefined)?.[0],
      text,
      keyword: text === undefined ? undefined : toKeyword(text),
    } satisfies DeepPartial<WebhookEventMap[SmsPartEventName]>),
  });
  const payload = applyOverrides(generated, plan.overrides);
  return {
    name: 'sms.inbound',
    webhooks: [{ event: plan.event, payload, target: 'sms-inbound', atMs: 0 }],
    ids: typeof payload.messageId === 'string' ? { messageIds: [payload.messageId] } : {},
  };
}

/** An incoming call push, resolved. */
interface IncomingCallPlan {
  readonly params: Payload;
  readonly overrides: Payload | undefined;
}

function planIncomingCall(raw: Readonly<Payload>): IncomingCallPlan {
  const overrides = checkOverrides(raw.overrides, {
    event: 'voice.answer.inbound',
    fixedHint: 'the answer request of an inbound phone call always has it',
  });
  const { overrides: _given, ...rest } = raw;
  const params = withoutUndefined({
    ...rest,
    from: foldParam(raw, 'from', overrides, ['from']),
    to: foldParam(raw, 'to', overrides, ['to']),
    uuid: foldParam(raw, 'uuid', overrides, ['uuid']),
    conversationUuid: foldParam(raw, 'conversationUuid', overrides, ['conversation_uuid']),
  });
  return { params: overrides === undefined ? params : { ...params, overrides }, overrides };
}

/**
 * The params of `pushIncomingCall`, checked and resolved: the answer request's `from`, `to`, `uuid`
 * and `conversation_uuid` given in overrides become the call's, so every event of it follows them.
 */
export function toIncomingCallParams(params: unknown): Payload {
  return planIncomingCall(checkParams('pushIncomingCall', params, callParamKinds)).params;
}

/**
 * A call to one of your numbers: the `voice.inbound` lifecycle (src/scenarios) of the call the
 * params and overrides describe, with the overrides merged last into its answer request.
 */
function createIncomingCallScenario(options: ScenarioOptions<Payload>): PlannedScenario {
  const plan = planIncomingCall(options.params ?? {});
  const { overrides: _overrides, ...params } = plan.params;
  const scenario = toPlannedScenario(
    createScenario('voice.inbound', { ...options, params } as ScenarioOptions<never>),
  );
  if (plan.overrides === undefined) return scenario;
  return {
    ...scenario,
    webhooks: scenario.webhooks.map((webhook) =>
      webhook.target === 'voice-answer'
        ? { ...webhook, payload: applyOverrides(webhook.payload, plan.overrides) }
        : webhook,
    ),
  };
}

/** The message types the catalog has for inbound messages on a channel. */
function inboundTypes(channel: string): string[] {
  const prefix = `messages.inbound.${channel}.`;
  return listEvents({ api: 'messages' })
    .map((entry) => entry.name)
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length));
}

function toInboundMessageEvent(channel: unknown, messageType: string): EventName {
  if (typeof channel !== 'string' || !(messagesChannels as readonly string[]).includes(channel)) {
    throw invalid(`Unknown Messages channel ${JSON.stringify(channel)}: use ${messagesChannels.join(', ')}.`);
  }
  const name = `messages.inbound.${channel}.${messageType}`;
  if (!isEventName(name)) {
    throw invalid(
      `Channel "${channel}" has no inbound "${messageType}" message: use one of ${inboundTypes(channel).join(', ')}.`,
    );
  }
  return name as EventName;
}

/** The wire shape a push asks for, checked against the catalog; `undefined` for the default shape. */
function toWebhookVersion(event: EventName, version: unknown): string | undefined {
  if (version === undefined) return undefined;
  const entry = getEvent(event);
  if (version === entry.defaultVersion) return undefined;
  if (typeof version === 'string' && entry.versions.includes(version)) return version;
  const shapes = [entry.defaultVersion, ...entry.versions].filter((each) => each !== null);
  throw invalid(
    `Unknown webhookVersion ${JSON.stringify(version)} for ${event}: use ${shapes.map((each) => `"${each}"`).join(' or ')}${entry.versions.length === 0 ? ' (the catalog has no other shape of this event)' : ''}.`,
  );
}

/** Where a convenience value goes in the payload: `from` is a string in v1, `{ type, number | id }` in v0.1. */
function toPartyPath(target: OverrideTarget, party: 'from' | 'to'): string[] {
  const schema = toFieldSchema(target, [party]);
  const properties = schema?.properties as Record<string, unknown> | undefined;
  if (properties === undefined) return [party];
  return [party, Object.hasOwn(properties, 'number') ? 'number' : 'id'];
}

function toTextPath(target: OverrideTarget): string[] | undefined {
  if (toFieldSchema(target, ['text']) !== undefined) return ['text'];
  if (toFieldSchema(target, ['message', 'content', 'text']) !== undefined)
    return ['message', 'content', 'text'];
  return undefined;
}

function toNested(path: readonly string[], value: unknown): Payload {
  return path.reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), value) as Payload;
}

/** An inbound message push, resolved. */
interface InboundMessagePlan {
  readonly params: Payload;
  readonly target: OverrideTarget;
  /** The convenience values, as a deep partial of the payload. */
  readonly convenience: Payload;
  readonly overrides: Payload | undefined;
}

function planInboundMessage(channel: unknown, raw: Readonly<Payload>): InboundMessagePlan {
  const messageType = typeof raw.messageType === 'string' ? raw.messageType : 'text';
  const event = toInboundMessageEvent(channel, messageType);
  const version = toWebhookVersion(event, raw.webhookVersion);
  const base = { event, ...(version === undefined ? {} : { version }) };
  const target: OverrideTarget = {
    ...base,
    fixedHint: 'pick another event with the channel and messageType instead',
  };
  const overrides = checkOverrides(raw.overrides, target);
  const fromPath = toPartyPath(target, 'from');
  const toPath = toPartyPath(target, 'to');
  const textPath = toTextPath(target);
  if (raw.text !== undefined && textPath === undefined) {
    throw invalid(
      `pushInboundMessage: text sets the text of a "text" message; a ${event} has none: set its content in overrides, or use messageType "text".`,
    );
  }
  const values = {
    from: foldParam(raw, 'from', overrides, fromPath),
    to: foldParam(raw, 'to', overrides, toPath),
    text: textPath === undefined ? undefined : foldParam(raw, 'text', overrides, textPath),
    messageUuid: foldParam(raw, 'messageUuid', overrides, ['message_uuid']),
  };
  const paths = { from: fromPath, to: toPath, text: textPath ?? ['text'], messageUuid: ['message_uuid'] };
  const convenience = Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .reduce<Payload>(
      (merged, [key, value]) => deepMerge(merged, toNested(paths[key as keyof typeof paths], value)),
      {},
    );
  const params = withoutUndefined({
    channel,
    messageType: raw.messageType,
    webhookVersion: raw.webhookVersion,
    ...values,
    overrides,
  });
  return { params, target, convenience, overrides };
}

/**
 * The params of `pushInboundMessage` on a channel, checked and resolved: the event
 * (`messages.inbound.<channel>.<messageType>`) and its wire shape (`webhookVersion`) must be in the
 * catalog, and the overrides fit that payload. `from`, `to`, `text` and `messageUuid` set the
 * payload's fields of that shape (`from.number` in v0.1).
 */
export function toInboundMessageParams(channel: unknown, params: unknown): Payload {
  return planInboundMessage(channel, checkParams('pushInboundMessage', params, messageParamKinds)).params;
}

/**
 * One inbound message on a Messages channel (reference messages.md#inbound-message, or 6 in v0.1): the catalog's
 * `messages.inbound.<channel>.<messageType>` (default `text`) at once, in the asked wire shape, with
 * the given numbers, text, `message_uuid` and overrides.
 */
function createInboundMessageScenario(options: ScenarioOptions<Payload>): PlannedScenario {
  const { channel, ...params } = options.params ?? {};
  const plan = planInboundMessage(channel ?? 'sms', params);
  const { event, version } = plan.target;
  const fixtureOptions = {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.refDate === undefined ? {} : { refDate: options.refDate }),
    overrides: plan.convenience,
  };
  const generated =
    version === undefined
      ? generatePayload(event, fixtureOptions)
      : generateShape(event, version, fixtureOptions);
  // Merged after generating, so that an override of `undefined` still removes a field.
  const payload = applyOverrides(generated, plan.overrides);
  return {
    name: 'messages.inbound',
    webhooks: [
      { event, payload, target: 'messages-inbound', atMs: 0, ...(version === undefined ? {} : { version }) },
    ],
    ids: typeof payload.message_uuid === 'string' ? { message_uuid: payload.message_uuid } : {},
  };
}

/**
 * The lifecycles the fake starts: the `src/scenarios` generators, the two single-webhook inbound
 * lifecycles they do not have (`sms.inbound` for one part, `messages.inbound`), and `voice.inbound`
 * with the push's overrides on its answer request.
 */
export const createDefaultScenario: CreateScenario = (name, options) => {
  if (name === 'sms.inbound') return toTypedScenario(createInboundSmsScenario(options));
  if (name === 'messages.inbound') return toTypedScenario(createInboundMessageScenario(options));
  if (name === 'voice.inbound') return toTypedScenario(createIncomingCallScenario(options));
  return createScenario(name as ScenarioName, options as ScenarioOptions<never>);
};
