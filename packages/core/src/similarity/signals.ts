/**
 * The signals beside BM25F, each in [0, 1]. Which ones count and how much is decided in
 * `engine.ts` (SIGNAL_WEIGHTS), where the measurements that chose them are written down.
 */

/** Character trigrams of a title's words: `NameNode` and `namenodes` share most of theirs. */
export function trigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (/^\p{N}+$/u.test(word)) continue;
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** Dice coefficient of two sets. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Jaccard of two frame sets; 0 when either has none (no evidence is not dissimilarity, it just adds nothing). */
export function frameOverlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sa = new Set(a);
  const sb = new Set(b);
  let shared = 0;
  for (const x of sa) if (sb.has(x)) shared++;
  return shared / (sa.size + sb.size - shared);
}

const DAY = 86_400_000;
/** Half of the prior is gone after this many days. */
export const RECENCY_HALF_LIFE_DAYS = 30;

/**
 * Duplicates are filed close together in time: the same failure is hit by several people in the
 * same weeks. 1 for an issue filed at the same moment, ½ after RECENCY_HALF_LIFE_DAYS, → 0 later.
 */
export function recency(queryAt: number, docAt: number): number {
  const days = Math.abs(queryAt - docAt) / DAY;
  return 1 / (1 + days / RECENCY_HALF_LIFE_DAYS);
}
