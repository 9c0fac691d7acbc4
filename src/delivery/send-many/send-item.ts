import { VwsError } from '../../errors.js';
import type { DeliveryResult } from '../delivery-result.js';
import { type DeliverInput, isRequest } from '../outgoing-request.js';
import type { DeliverOptions, DeliveryTarget, SendItem, SendJob, SendManyDeps } from '../sender-types.js';

/** How the items of one `sendMany` are delivered: the shared options and the plans made so far. */
export interface ItemDelivery<TPlan> {
  readonly deps: SendManyDeps<TPlan>;
  readonly defaultTarget: DeliveryTarget | undefined;
  readonly deliverOptions: DeliverOptions;
  /** Plans of items without their own target, by event name. */
  readonly plans: Map<string | undefined, TPlan>;
}

/**
 * Prepares the delivery of a run's items. Validates the shared options once, before anything is
 * sent (throws `VWS_ERR_INVALID_OPTION`); items without their own target reuse the plan of their event.
 */
export function createItemDelivery<TPlan>(
  deps: SendManyDeps<TPlan>,
  defaultTarget: DeliveryTarget | undefined,
  deliverOptions: DeliverOptions,
): ItemDelivery<TPlan> {
  const plans = new Map<string | undefined, TPlan>([
    [deliverOptions.event, deps.plan(defaultTarget, deliverOptions)],
  ]);
  return { deps, defaultTarget, deliverOptions, plans };
}

/** Delivers one item: a request, a job, or a thunk that builds one when its turn comes. */
export function deliverItem<TPlan>(
  delivery: ItemDelivery<TPlan>,
  item: SendItem,
  index: number,
): Promise<DeliveryResult> {
  return typeof item === 'function' ? deliverThunk(delivery, item, index) : deliverJob(delivery, item, index);
}

/** The result of an item that could not be built or prepared: `not_sent`, with the error that stopped it. */
export function notSent(error: unknown, index: number, event: string | null): DeliveryResult {
  const vwsError =
    error instanceof VwsError
      ? error
      : new VwsError(
          'VWS_ERR_INVALID_OPTION',
          `Item ${index} could not be built: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
  return {
    index,
    ok: false,
    outcome: 'not_sent',
    code: vwsError.code,
    status: null,
    request: { method: '', url: '', event },
    response: null,
    ncco: null,
    attempts: [],
    durationMs: 0,
    error: vwsError,
    nccoIssues: [],
  };
}

function isSendJob(value: unknown): value is SendJob {
  return typeof value === 'object' && value !== null && 'request' in value && !isRequest(value);
}

function planFor<TPlan>(
  delivery: ItemDelivery<TPlan>,
  target: DeliveryTarget | undefined,
  event: string | undefined,
): TPlan {
  const { deps, deliverOptions, plans } = delivery;
  const options: DeliverOptions =
    event === deliverOptions.event || event === undefined ? deliverOptions : { ...deliverOptions, event };
  if (target !== delivery.defaultTarget) return deps.plan(target, options);
  let cached = plans.get(event);
  if (cached === undefined) {
    cached = deps.plan(target, options);
    plans.set(event, cached);
  }
  return cached;
}

function deliverJob<TPlan>(
  delivery: ItemDelivery<TPlan>,
  job: DeliverInput | SendJob,
  index: number,
  once = false,
): Promise<DeliveryResult> {
  const sendJob = isSendJob(job) ? job : null;
  const input = sendJob === null ? (job as DeliverInput) : sendJob.request;
  const target = sendJob?.target ?? delivery.defaultTarget;
  const event = sendJob?.event ?? delivery.deliverOptions.event;
  try {
    return delivery.deps.deliver(input, planFor(delivery, target, event), index, once);
  } catch (error) {
    return Promise.resolve(notSent(error, index, event ?? null));
  }
}

/** Delivers a request a thunk has built (read ahead): sent once, so not cached. */
export function deliverBuilt<TPlan>(
  delivery: ItemDelivery<TPlan>,
  job: DeliverInput | SendJob,
  index: number,
): Promise<DeliveryResult> {
  return deliverJob(delivery, job, index, true);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Builds an item when its turn comes and delivers it. A thunk that returns at once (the usual
 * `() => toRequestParts(...)`) costs no promise or closure of its own; the request it built is sent
 * once, so it is not cached.
 */
function deliverThunk<TPlan>(
  delivery: ItemDelivery<TPlan>,
  thunk: () => DeliverInput | SendJob | Promise<DeliverInput | SendJob>,
  index: number,
): Promise<DeliveryResult> {
  let job: DeliverInput | SendJob | PromiseLike<DeliverInput | SendJob>;
  try {
    job = thunk();
  } catch (error) {
    return Promise.resolve(notSent(error, index, delivery.deliverOptions.event ?? null));
  }
  if (!isThenable(job)) return deliverJob(delivery, job, index, true);
  return Promise.resolve(job).then(
    (built) => deliverJob(delivery, built, index, true),
    (error: unknown) => notSent(error, index, delivery.deliverOptions.event ?? null),
  );
}
