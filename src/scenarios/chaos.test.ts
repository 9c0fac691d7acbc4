import { describe, expect, it } from 'vitest';
import { applyChaos, duplicateDelayMaxMs } from './chaos.js';
import { createScenario } from './create-scenario.js';
import type { PlannedWebhook, WebhookTarget } from './types.js';

const targets: readonly WebhookTarget[] = [
  'voice-event',
  'messages-status',
  'sms-delivery-receipt',
  'voice-answer',
];

/** Ten webhooks 1 s apart, each payload tagged with its baseline index. */
function createBaseline(count = 10): PlannedWebhook[] {
  return Array.from({ length: count }, (_, index) => ({
    event: 'voice.event.started',
    payload: { index },
    target: targets[index % targets.length] as WebhookTarget,
    atMs: index * 1000,
  }));
}

const indexOf = (webhook: PlannedWebhook) => webhook.payload.index as number;
const marksOf = (webhook: Pick<PlannedWebhook, 'chaos'>) => (webhook.chaos ?? '').split(',').filter(Boolean);
const isSortedByTime = (webhooks: readonly PlannedWebhook[]) =>
  webhooks.every(
    (webhook, index) => index === 0 || (webhooks[index - 1] as PlannedWebhook).atMs <= webhook.atMs,
  );

describe('applyChaos', () => {
  it('returns the webhooks unchanged when no option is on', () => {
    const baseline = createBaseline();
    for (const chaos of [undefined, {}, { duplicates: 0, reorder: false, jitterMs: 0, lateReceiptMs: 0 }]) {
      expect(applyChaos(baseline, chaos, 1, 'test')).toBe(baseline);
    }
  });

  it('adds exactly the copies it marks "duplicate", each identical to its original and due within 1 s after it', () => {
    const baseline = createBaseline();
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = applyChaos(baseline, { duplicates: 0.5 }, seed, 'test');
      const copies = result.filter((webhook) => marksOf(webhook).includes('duplicate'));
      expect(result.length).toBe(baseline.length + copies.length);
      for (const copy of copies) {
        const original = baseline[indexOf(copy)] as PlannedWebhook;
        expect(copy.payload).toBe(original.payload);
        expect(copy.event).toBe(original.event);
        expect(copy.atMs - original.atMs).toBeGreaterThanOrEqual(0);
        expect(copy.atMs - original.atMs).toBeLessThanOrEqual(duplicateDelayMaxMs);
        // The copy is delivered after its original.
        const firstPosition = result.findIndex((webhook) => indexOf(webhook) === indexOf(copy));
        expect(result.indexOf(copy)).toBeGreaterThan(firstPosition);
      }
      expect(result.filter((webhook) => !marksOf(webhook).includes('duplicate'))).toEqual(baseline);
      expect(isSortedByTime(result)).toBe(true);
    }
  });

  it('doubles every webhook when duplicates is 1 and adds none when it is 0', () => {
    const baseline = createBaseline();
    expect(applyChaos(baseline, { duplicates: 1 }, 9, 'test')).toHaveLength(baseline.length * 2);
    expect(applyChaos(baseline, { duplicates: 0, jitterMs: 10 }, 9, 'test')).toHaveLength(baseline.length);
  });

  it('reorders into a permutation that differs from the original and marks exactly the moved webhooks', () => {
    const baseline = createBaseline();
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = applyChaos(baseline, { reorder: true }, seed, 'test');
      expect(result.map(indexOf).sort((a, b) => a - b)).toEqual(baseline.map(indexOf));
      expect(result.map(indexOf)).not.toEqual(baseline.map(indexOf));
      result.forEach((webhook, position) => {
        expect(webhook.atMs).toBe((baseline[indexOf(webhook)] as PlannedWebhook).atMs);
        expect(webhook.chaos === 'reordered').toBe(indexOf(webhook) !== position);
      });
    }
  });

  it('never leaves two webhooks in their original order under reorder', () => {
    const pair = createBaseline(2);
    for (let seed = 0; seed < 50; seed++) {
      expect(applyChaos(pair, { reorder: true }, seed, 'test').map(indexOf)).toEqual([1, 0]);
    }
  });

  it('delays each webhook by 0 to jitterMs, marks the moved ones "jitter" and keeps the list in time order', () => {
    const baseline = createBaseline();
    const result = applyChaos(baseline, { jitterMs: 2500 }, 4, 'test');
    expect(result).toHaveLength(baseline.length);
    for (const webhook of result) {
      const delay = webhook.atMs - (baseline[indexOf(webhook)] as PlannedWebhook).atMs;
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(2500);
      expect(webhook.chaos === 'jitter').toBe(delay > 0);
    }
    expect(isSortedByTime(result)).toBe(true);
    // 2.5 s of jitter on webhooks 1 s apart overtakes some of them.
    expect(result.map(indexOf)).not.toEqual(baseline.map(indexOf));
  });

  it('sends receipts and statuses after the last webhook, within lateReceiptMs, and leaves the others', () => {
    const baseline = createBaseline();
    const last = Math.max(...baseline.map((webhook) => webhook.atMs));
    const result = applyChaos(baseline, { lateReceiptMs: 4000 }, 2, 'test');
    expect(result).toHaveLength(baseline.length);
    for (const webhook of result) {
      const original = baseline[indexOf(webhook)] as PlannedWebhook;
      if (webhook.target === 'sms-delivery-receipt' || webhook.target === 'messages-status') {
        expect(webhook.chaos).toBe('late');
        expect(webhook.atMs).toBeGreaterThan(last);
        expect(webhook.atMs).toBeLessThanOrEqual(last + 4000);
      } else {
        expect(webhook).toEqual(original);
      }
    }
    expect(isSortedByTime(result)).toBe(true);
  });

  it('keeps what one option does when another is turned on', () => {
    const baseline = createBaseline();
    const jitterOnly = applyChaos(baseline, { jitterMs: 800 }, 6, 'test');
    const withCopies = applyChaos(baseline, { jitterMs: 800, duplicates: 0.4 }, 6, 'test');
    const originals = withCopies.filter((webhook) => !marksOf(webhook).includes('duplicate'));
    expect(originals).toEqual(jitterOnly);
  });

  it('lists the marks in the order chaos applies them', () => {
    const result = applyChaos(
      createBaseline(),
      { jitterMs: 500, lateReceiptMs: 100, duplicates: 1, reorder: true },
      3,
      'test',
    );
    const order = ['jitter', 'late', 'duplicate', 'reordered'];
    for (const webhook of result) {
      const marks = marksOf(webhook);
      expect(marks).toEqual([...marks].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    }
    expect(result.some((webhook) => marksOf(webhook).length >= 3)).toBe(true);
  });

  it('rejects out-of-range options with a usage error', () => {
    const baseline = createBaseline();
    expect(() => applyChaos(baseline, { duplicates: 1.5 }, 1, 'test')).toThrow(/probability from 0 to 1/);
    expect(() => applyChaos(baseline, { jitterMs: -1 }, 1, 'test')).toThrow(/jitterMs -1/);
    expect(() => applyChaos(baseline, { lateReceiptMs: 0.5 }, 1, 'test')).toThrow(/lateReceiptMs 0.5/);
  });
});

describe('createScenario with chaos', () => {
  it('changes delivery but never payloads: the chaos-free webhooks are the baseline', () => {
    const options = { seed: 12, params: { channel: 'whatsapp', outcome: 'read' } } as const;
    const baseline = createScenario('messages.send', options);
    const chaotic = createScenario('messages.send', {
      ...options,
      chaos: { duplicates: 0.5, reorder: true, jitterMs: 300, lateReceiptMs: 60_000 },
    });
    const copies = chaotic.webhooks.filter((webhook) => marksOf(webhook).includes('duplicate'));
    expect(chaotic.webhooks.length).toBe(baseline.webhooks.length + copies.length);
    const payloads = (webhooks: readonly { readonly payload: object }[]) =>
      webhooks.map((webhook) => JSON.stringify(webhook.payload)).sort();
    const originals = chaotic.webhooks.filter((webhook) => !marksOf(webhook).includes('duplicate'));
    expect(payloads(originals)).toEqual(payloads(baseline.webhooks));
    expect(chaotic.ids).toEqual(baseline.ids);
    expect(JSON.stringify(createScenario('messages.send', { ...options, chaos: {} }))).toBe(
      JSON.stringify(baseline),
    );
  });
});
