import type { Faker } from '@faker-js/faker';
import { VwsError } from '../errors.js';
import { getEvent } from '../fixtures/catalog.js';
import type { EventName, WebhookEventMap } from '../fixtures/events.js';
import { generate } from '../fixtures/generate.js';
import { toEpochMillis } from '../fixtures/shared/context.js';
import { DEFAULT_REF_DATE, DEFAULT_SEED, type DeepPartial } from '../fixtures/shared/types.js';
import { applyChaos } from './chaos.js';
import { createScenarioFaker, deriveSeed } from './scenario-random.js';
import {
  type PlannedScenario,
  type PlannedWebhook,
  type Scenario,
  type ScenarioOptions,
  type ScheduledWebhook,
  type WebhookTarget,
  webhookTargets,
} from './types.js';

type Payload = Record<string, unknown>;

/** What a scenario builder works with: its seed, its start time and its own random stream. */
export interface ScenarioContext {
  readonly name: string;
  readonly seed: number;
  /** Epoch milliseconds of the API request that starts the lifecycle (the refDate). */
  readonly start: number;
  /** The story's random stream: ids, numbers, delays. */
  readonly faker: Faker;
}

/** Resolves the seed and refDate of scenario options, with the fixture contract's defaults and checks. */
export function createScenarioContext(name: string, options: ScenarioOptions<unknown>): ScenarioContext {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid seed ${String(seed)}: use a non-negative integer such as 42.`,
    );
  }
  const start = toEpochMillis(options.refDate ?? DEFAULT_REF_DATE);
  return { name, seed, start, faker: createScenarioFaker(seed, name) };
}

function isWebhookTarget(value: string): value is WebhookTarget {
  return (webhookTargets as readonly string[]).includes(value);
}

/** The target of an event: the catalog's webhook kind, which names the same application URL. */
export function toTarget(event: EventName): WebhookTarget {
  const kind = getEvent(event).webhook;
  if (!isWebhookTarget(kind)) throw new Error(`unreachable: ${event} is not sent to an application URL`);
  return kind;
}

/**
 * The event names that start with `TPrefix` (`'verify.event.'`): what a name a scenario builds at run
 * time can be, so that its overrides are checked against those events' payloads.
 */
export type EventNameStartingWith<TPrefix extends string> = Extract<EventName, `${TPrefix}${string}`>;

/**
 * The generated payload a function-form override looks at: the event's payload type, readable key by
 * key even where only some events of a union have the key (`base.destination` of any status).
 */
export type ScenarioBase<TName extends EventName> = WebhookEventMap[TName] & Readonly<Payload>;

/** The keys of any member of a union (`keyof` of a union keeps only the keys all members share). */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** The top-level keys of `TReturned` that no payload of `TName` has. */
type ExtraKeys<TName extends EventName, TReturned> = Exclude<
  KeysOfUnion<TReturned>,
  KeysOfUnion<WebhookEventMap[TName]>
>;

/**
 * What a function-form override returns, with every top-level key the event's payload does not have
 * turned to `never`. TypeScript checks an object literal argument for unknown keys but not the object
 * a callback returns; inferring the returned type and ruling its extra keys out does. A record built
 * at run time (a string index signature) has no keys to check and passes as it is.
 */
export type ExactOverrides<TName extends EventName, TReturned> =
  string extends KeysOfUnion<TReturned>
    ? TReturned
    : [ExtraKeys<TName, TReturned>] extends [never]
      ? TReturned
      : TReturned & Record<ExtraKeys<TName, TReturned>, never>;

/**
 * Overrides for the payload of event `TName` (deep-partial, so a key the event does not have is a
 * compile error), or a function that picks them after seeing the generated payload's optional keys.
 */
export type ScenarioOverrides<
  TName extends EventName,
  TReturned extends DeepPartial<WebhookEventMap[TName]> = DeepPartial<WebhookEventMap[TName]>,
> = DeepPartial<WebhookEventMap[TName]> | ((base: ScenarioBase<TName>) => ExactOverrides<TName, TReturned>);

/**
 * One webhook of the story: the event's generator under a seed derived from the role, "now" at the
 * webhook's time, and the correlated fields as overrides, so the payload stays catalog-valid.
 */
export function toWebhook<TName extends EventName, TReturned extends DeepPartial<WebhookEventMap[TName]>>(
  context: ScenarioContext,
  role: string,
  event: TName,
  atMs: number,
  overrides?: ScenarioOverrides<TName, TReturned>,
): PlannedWebhook {
  const options = { seed: deriveSeed(context.seed, context.name, role), refDate: context.start + atMs };
  const resolved =
    typeof overrides === 'function' ? overrides(generate(event, options) as ScenarioBase<TName>) : overrides;
  // Without overrides the payload is the generator's own, as an empty overrides object gives it.
  const payload = generate(event, resolved === undefined ? options : { ...options, overrides: resolved });
  return { event, payload: toPayloadRecord(payload), target: toTarget(event), atMs };
}

/** A payload as a schedule carries it: a JSON object, its keys no longer tied to one event. */
function toPayloadRecord(payload: object): Payload {
  return payload as Payload;
}

/**
 * Completes a scenario: the webhooks in time order (stable for equal times), then chaos if asked for.
 */
export function toScenario(
  context: ScenarioContext,
  webhooks: readonly PlannedWebhook[],
  ids: Scenario['ids'],
  options: ScenarioOptions<unknown>,
): Scenario {
  const baseline = [...webhooks].sort((a, b) => a.atMs - b.atMs);
  return {
    name: context.name,
    webhooks: toScheduled(applyChaos(baseline, options.chaos, context.seed, context.name)),
    ids,
  };
}

/**
 * Planned webhooks as a scenario hands them out, each payload typed by its event. Every planned
 * payload comes from the event's generator (its overrides checked against that event), so the cast
 * only ties the payload's type back to the `event` beside it.
 */
export function toScheduled(webhooks: readonly PlannedWebhook[]): readonly ScheduledWebhook[] {
  return webhooks as unknown as readonly ScheduledWebhook[];
}

/** A scenario as the fake's engine plans with it: its payloads as JSON records. */
export function toPlannedScenario(scenario: Scenario): PlannedScenario {
  return scenario as unknown as PlannedScenario;
}

/** A planned scenario handed out as a {@link Scenario}, each payload typed by its event (see {@link toScheduled}). */
export function toTypedScenario(scenario: PlannedScenario): Scenario {
  return scenario as unknown as Scenario;
}

/** Picks a parameter from its allowed values, or throws a usage error that lists them. */
export function pickParam<const TValue extends string>(
  value: string | undefined,
  allowed: readonly TValue[],
  fallback: TValue,
  label: string,
): TValue {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as TValue;
  throw new VwsError(
    'VWS_ERR_INVALID_OPTION',
    `Invalid ${label} "${value}": use one of ${allowed.map((choice) => `"${choice}"`).join(', ')}.`,
  );
}

/** Checks a string parameter against a pattern, or throws a usage error with an example. */
export function checkParam(value: string, pattern: RegExp, label: string, example: string): string {
  if (pattern.test(value)) return value;
  throw new VwsError(
    'VWS_ERR_INVALID_OPTION',
    `Invalid ${label} ${JSON.stringify(value)}: use a value like ${JSON.stringify(example)}.`,
  );
}

/** Whole seconds down: Vonage's `start_time` of a leg (docs/decisions/012). */
export function floorSecond(millis: number): number {
  return Math.floor(millis / 1000) * 1000;
}

/** Whole seconds up: Vonage's `end_time` of a leg (docs/decisions/012). */
export function ceilSecond(millis: number): number {
  return Math.ceil(millis / 1000) * 1000;
}
