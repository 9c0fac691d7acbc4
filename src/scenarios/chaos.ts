import type { Faker } from '@faker-js/faker';
import { VwsError } from '../errors.js';
import { createScenarioFaker } from './scenario-random.js';
import type { ChaosOptions, PlannedWebhook, WebhookTarget } from './types.js';

/** The chaos marks, in the order chaos applies them; a webhook's `chaos` lists its marks in this order. */
export const chaosMarks = ['jitter', 'late', 'duplicate', 'reordered'] as const;
/** One of {@link chaosMarks}. */
export type ChaosMark = (typeof chaosMarks)[number];

/** Targets whose webhooks `lateReceiptMs` delays: the receipts and statuses of sent messages. */
export const lateReceiptTargets = [
  'sms-delivery-receipt',
  'messages-status',
] as const satisfies readonly WebhookTarget[];

/** The most a duplicate trails its original, in milliseconds. */
export const duplicateDelayMaxMs = 1000;

interface Draft {
  readonly webhook: PlannedWebhook;
  atMs: number;
  readonly marks: ChaosMark[];
}

function checkMillis(value: number | undefined, label: string): number {
  if (value === undefined) return 0;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid chaos ${label} ${String(value)}: use a whole number of milliseconds, 0 or more.`,
    );
  }
  return value;
}

function checkProbability(value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid chaos duplicates ${String(value)}: use a probability from 0 to 1, e.g. 0.1.`,
    );
  }
  return value;
}

// Array.prototype.sort is stable, so webhooks due at the same time keep their order.
function byTime(drafts: Draft[]): Draft[] {
  return drafts.sort((a, b) => a.atMs - b.atMs);
}

function isLateTarget(target: WebhookTarget): boolean {
  return (lateReceiptTargets as readonly string[]).includes(target);
}

/** A seeded Fisher–Yates permutation of `0..length-1` that is never the identity for 2+ items. */
function createPermutation(faker: Faker, length: number): number[] {
  const order = Array.from({ length }, (_, index) => index);
  for (let index = length - 1; index > 0; index--) {
    const other = faker.number.int({ min: 0, max: index });
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  // `reorder: true` promises a different order; a shuffle that left every item in place swaps the first two.
  if (length >= 2 && order.every((value, index) => value === index)) [order[0], order[1]] = [1, 0];
  return order;
}

/**
 * Applies seeded chaos to a lifecycle's webhooks (given in time order). Each option draws from its own
 * stream (`<scenario>:chaos:<option>` under the scenario seed), so turning one on never changes what
 * another does. Payloads are never changed: a duplicate is byte-identical to its original, as a
 * redelivery is, and a late or jittered webhook keeps the times of the event it reports. In order:
 *
 * 1. `jitterMs`: each webhook's `atMs` grows by a whole number drawn from 0 to `jitterMs`; those that
 *    moved are marked `jitter`. The list is then sorted by `atMs` (stable), so jitter alone can change
 *    the order, as network delay does.
 * 2. `lateReceiptMs`: every SMS delivery receipt and Messages status (targets `sms-delivery-receipt`,
 *    `messages-status`) gets `atMs` = the latest `atMs` of the lifecycle + 1 to `lateReceiptMs`, and
 *    is marked `late`; sorted again by `atMs`, so late receipts can overtake one another.
 * 3. `duplicates`: each webhook, with that probability, gets a copy due 0 to 1000 ms after it,
 *    placed after it, marked `duplicate` (after the marks it inherits). Count = n + copies.
 * 4. `reorder`: the delivery order becomes a seeded permutation of the list (never the original order
 *    when there are 2 or more webhooks); `atMs` stays, so it no longer ascends, and every webhook that
 *    changed position is marked `reordered`. The array order is the order to deliver in.
 *
 * With no option set (or all 0/false) the webhooks come back unchanged.
 */
export function applyChaos(
  webhooks: readonly PlannedWebhook[],
  chaos: ChaosOptions | undefined,
  seed: number,
  scenario: string,
): readonly PlannedWebhook[] {
  const jitterMs = checkMillis(chaos?.jitterMs, 'jitterMs');
  const lateReceiptMs = checkMillis(chaos?.lateReceiptMs, 'lateReceiptMs');
  const duplicates = checkProbability(chaos?.duplicates);
  const reorder = chaos?.reorder === true;
  if (jitterMs === 0 && lateReceiptMs === 0 && duplicates === 0 && !reorder) return webhooks;

  const stream = (option: string) => createScenarioFaker(seed, `${scenario}:chaos:${option}`);
  let drafts: Draft[] = webhooks.map((webhook) => ({ webhook, atMs: webhook.atMs, marks: [] }));

  if (jitterMs > 0) {
    const faker = stream('jitter');
    for (const draft of drafts) {
      const delay = faker.number.int({ min: 0, max: jitterMs });
      if (delay > 0) {
        draft.atMs += delay;
        draft.marks.push('jitter');
      }
    }
    drafts = byTime(drafts);
  }

  if (lateReceiptMs > 0) {
    const faker = stream('late');
    const last = Math.max(...drafts.map((draft) => draft.atMs));
    for (const draft of drafts) {
      if (!isLateTarget(draft.webhook.target)) continue;
      draft.atMs = last + faker.number.int({ min: 1, max: lateReceiptMs });
      draft.marks.push('late');
    }
    drafts = byTime(drafts);
  }

  if (duplicates > 0) {
    const faker = stream('duplicates');
    const withCopies: Draft[] = [];
    for (const draft of drafts) {
      withCopies.push(draft);
      if (faker.datatype.boolean({ probability: duplicates })) {
        const delay = faker.number.int({ min: 0, max: duplicateDelayMaxMs });
        withCopies.push({
          webhook: draft.webhook,
          atMs: draft.atMs + delay,
          marks: [...draft.marks, 'duplicate'],
        });
      }
    }
    drafts = byTime(withCopies);
  }

  if (reorder) {
    const permutation = createPermutation(stream('reorder'), drafts.length);
    drafts = permutation.map((from, to) => {
      const draft = drafts[from] as Draft;
      return from === to ? draft : { ...draft, marks: [...draft.marks, 'reordered'] };
    });
  }

  return drafts.map(({ webhook, atMs, marks }) => {
    const { chaos: _previous, ...rest } = webhook;
    return marks.length === 0 ? { ...rest, atMs } : { ...rest, atMs, chaos: marks.join(',') };
  });
}
