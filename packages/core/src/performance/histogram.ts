/**
 * Fixed log-scale histogram buckets, so that percentiles are computed here, in the engine, the
 * same way on SQLite and PostgreSQL (neither `percentile_cont` nor an extension is needed), and
 * so that hourly rows merge by adding counts: the p75 of a day is exact to the bucket width
 * whichever hours, releases or browsers are combined.
 *
 * Bucket i holds values in (GROWTH^(i-1), GROWTH^i]; bucket 0 holds values ≤ 1. GROWTH = 1.05
 * keeps the relative error of a percentile under 2.5% (half a bucket), and 300 buckets reach
 * past 2 million (ms: 35 minutes; CLS is stored ×1000).
 */
export const GROWTH = 1.05;
export const BUCKETS = 300;

/** Sparse counts: bucket index → number of samples. */
export type Histogram = Record<number, number>;

export function bucketOf(value: number): number {
  if (!(value > 1)) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log(value) / Math.log(GROWTH)));
}

/** The value a bucket stands for: the geometric middle of its bounds. */
export function bucketValue(i: number): number {
  if (i <= 0) return 1;
  return GROWTH ** (i - 0.5);
}

export function addSample(h: Histogram, value: number, count = 1): void {
  const b = bucketOf(value);
  h[b] = (h[b] ?? 0) + count;
}

export function mergeInto(into: Histogram, from: Histogram): Histogram {
  for (const [k, n] of Object.entries(from)) {
    const i = Number(k);
    into[i] = (into[i] ?? 0) + n;
  }
  return into;
}

export function sampleCount(h: Histogram): number {
  let n = 0;
  for (const v of Object.values(h)) n += v;
  return n;
}

/**
 * The q-quantile (0 < q ≤ 1) by the nearest-rank method: the value of the sample at rank
 * ceil(q·n) in sorted order. null for an empty histogram.
 */
export function quantile(h: Histogram, q: number): number | null {
  const n = sampleCount(h);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (const i of Object.keys(h)
    .map(Number)
    .sort((a, b) => a - b)) {
    seen += h[i]!;
    if (seen >= rank) return bucketValue(i);
  }
  return null;
}

export function parseHistogram(text: string): Histogram {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Histogram) : {};
  } catch {
    return {};
  }
}
