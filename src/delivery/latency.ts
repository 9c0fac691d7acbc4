import { VwsError } from '../errors.js';

/** Latency figures in milliseconds; `null` ones when nothing was recorded. */
export interface LatencySummary {
  readonly count: number;
  readonly min: number | null;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/** A fixed-size latency histogram: memory does not grow with the number of values. */
export interface LatencyHistogram {
  /** Records one latency in milliseconds (negative values count as 0). */
  record(ms: number): void;
  /** The value at a percentile (0–100), in milliseconds, within the bucket precision; `null` if empty. */
  percentile(p: number): number | null;
  readonly count: number;
  summary(): LatencySummary;
}

// Log-linear buckets over microseconds (the HdrHistogram layout): values below 2·SUB are exact,
// above that each power of two is split into SUB buckets, so a bucket is at most 1/SUB (≈ 1.6 %)
// wide relative to its values. 44 doublings above 128 µs reach ≈ 26 days.
const SUB = 64;
const LINEAR = 2 * SUB;
const DOUBLINGS = 44;
const BUCKETS = LINEAR + DOUBLINGS * SUB;
const MAX_MICROS = 2 ** (DOUBLINGS + 7) - 1;

function toBucket(micros: number): number {
  if (micros < LINEAR) return micros;
  // shift so that micros >> shift lies in [SUB, 2·SUB)
  const shift = Math.floor(Math.log2(micros)) - 6;
  const top = Math.floor(micros / 2 ** shift);
  return LINEAR + (shift - 1) * SUB + (top - SUB);
}

/** The middle of a bucket, in microseconds. */
function fromBucket(bucket: number): number {
  if (bucket < LINEAR) return bucket;
  const shift = Math.floor((bucket - LINEAR) / SUB) + 1;
  const top = ((bucket - LINEAR) % SUB) + SUB;
  return (top + 0.5) * 2 ** shift;
}

/**
 * Creates a latency histogram of fixed size (about 3,000 counters, 24 KiB) with exact count, min,
 * max and mean and percentiles within 1.6 % (docs/decisions/069-bounded-send-many.md).
 *
 * @example
 * ```ts
 * import { createLatencyHistogram } from 'vonage-webhook-simulator';
 * const histogram = createLatencyHistogram();
 * for (const ms of [1.2, 3.4, 2.2]) histogram.record(ms);
 * const { p50, p99, max } = histogram.summary();
 * ```
 */
export function createLatencyHistogram(): LatencyHistogram {
  const counts = new Float64Array(BUCKETS);
  let count = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;

  const percentile = (p: number): number | null => {
    if (!(p >= 0 && p <= 100)) {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `Invalid percentile ${String(p)}: use a number from 0 to 100.`,
      );
    }
    if (count === 0) return null;
    if (p === 0) return min;
    if (p === 100) return max;
    const rank = Math.ceil((p / 100) * count);
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket += 1) {
      seen += counts[bucket] ?? 0;
      if (seen >= rank) return Math.min(Math.max(fromBucket(bucket) / 1000, min), max);
    }
    return max;
  };

  return {
    record(ms: number): void {
      const value = Number.isFinite(ms) && ms > 0 ? ms : 0;
      const micros = Math.min(Math.round(value * 1000), MAX_MICROS);
      const bucket = toBucket(micros);
      counts[bucket] = (counts[bucket] ?? 0) + 1;
      count += 1;
      sum += value;
      if (value < min) min = value;
      if (value > max) max = value;
    },
    percentile,
    get count() {
      return count;
    },
    summary(): LatencySummary {
      if (count === 0) return { count, min: null, mean: null, p50: null, p90: null, p99: null, max: null };
      return {
        count,
        min,
        mean: sum / count,
        p50: percentile(50),
        p90: percentile(90),
        p99: percentile(99),
        max,
      };
    },
  };
}
