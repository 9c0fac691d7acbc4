import { type DeliveryOutcome, type DeliveryResult, deliveryOutcomes } from '../delivery-result.js';
import { createLatencyHistogram, type LatencyHistogram } from '../latency.js';
import type { SendSummary } from '../sender-types.js';

/** The counts of a run and a fixed-size latency histogram: what its summary is made of, in constant memory. */
export interface SendStats {
  total: number;
  attempts: number;
  readonly outcomes: Record<DeliveryOutcome, number>;
  readonly histogram: LatencyHistogram;
}

/** Empty counts, every outcome at 0. */
export function createSendStats(): SendStats {
  const outcomes = Object.fromEntries(deliveryOutcomes.map((outcome) => [outcome, 0])) as Record<
    DeliveryOutcome,
    number
  >;
  return { total: 0, attempts: 0, outcomes, histogram: createLatencyHistogram() };
}

/** Counts one finished delivery. */
export function recordResult(stats: SendStats, result: DeliveryResult): void {
  stats.total += 1;
  stats.outcomes[result.outcome] += 1;
  stats.attempts += result.attempts.length;
  stats.histogram.record(result.durationMs);
}

/** The summary of a run that took `elapsedMs`. */
export function toSendSummary(stats: SendStats, elapsedMs: number): SendSummary {
  const { total, outcomes } = stats;
  const accepted = outcomes.accepted;
  return {
    total,
    accepted,
    failed: total - accepted,
    outcomes: { ...outcomes },
    attempts: stats.attempts,
    latency: stats.histogram.summary(),
    elapsedMs,
    ratePerSecond: elapsedMs > 0 ? (total * 1000) / elapsedMs : 0,
  };
}
