import {
  type Bm25fParams,
  bm25f,
  type CorpusStats,
  DEFAULT_BM25F,
  idf,
  queryWeights,
  type ScoringContext,
} from './bm25f.ts';
import { analyse, type FieldTerms, type IndexedDoc, type SimilarityText } from './document.ts';
import { dice, frameOverlap, recency, trigrams } from './signals.ts';

/**
 * Finding the issues most like a given text. The ranking is computed here, in plain code, so it is
 * the same whichever database holds the index: the store only answers the four questions of
 * `SimilarityReader` (corpus statistics, document frequencies, postings, stored documents).
 *
 * 1. Retrieval: the query's rarest terms (those that tell issues apart) pick candidates from their
 *    postings, newest first; candidates are pre-ranked by the summed idf of the terms they share.
 * 2. Ranking: BM25F of each candidate, divided by the query's score against itself so it reads as
 *    a share (1 ≈ "says everything the query says"), plus the other signals with fixed weights.
 */

export interface SimilarityReader {
  stats(): Promise<CorpusStats>;
  docFreqs(terms: readonly string[]): Promise<Map<string, number>>;
  /** Ids of documents holding each term, newest first, at most `perTerm` each. */
  postings(terms: readonly string[], perTerm: number): Promise<Map<string, number[]>>;
  docs(ids: readonly number[]): Promise<IndexedDoc[]>;
}

export interface SignalWeights {
  /** Character-trigram Dice of the titles. */
  title: number;
  /** Jaccard of stack-frame sets. */
  frames: number;
  /** Closeness in time of filing. */
  recency: number;
}

/**
 * How the signals are combined. The rule: BM25F carries the ranking (weight 1 on a 0–1 scale);
 * each other signal may move an issue by at most a fifth of that scale, title shape and shared
 * frames most, time least (time alone never says two reports are the same bug). Measured on the
 * Hadoop duplicate set (bench/duplicates.ts, bench/RESULTS.md); not fitted to it.
 */
export const SIGNAL_WEIGHTS: SignalWeights = { title: 0.2, frames: 0.2, recency: 0.1 };

/**
 * At or above this combined score an issue is flagged a likely duplicate of its best match. On the
 * Hadoop set (bench/RESULTS.md) 0.6 flags a fifth of the true duplicates and the best match of
 * about 7% of other reports: a flag asks a person to look, it never merges by itself.
 */
export const LIKELY_DUPLICATE_SCORE = 0.6;

export interface RetrievalLimits {
  /** How many of the query's rarest terms pick candidates. */
  terms: number;
  /** Postings read per term. */
  perTerm: number;
  /** Candidates scored in full. */
  candidates: number;
}

export const DEFAULT_RETRIEVAL: RetrievalLimits = { terms: 24, perTerm: 400, candidates: 300 };
/** While a person types a title: a few words, answered on every pause, so fewer candidates. */
export const TYPING_RETRIEVAL: RetrievalLimits = { terms: 12, perTerm: 200, candidates: 100 };

export interface SimilarQuery {
  text: SimilarityText;
  /** When the query issue was filed (now, while typing). */
  at: number;
  /** The query issue itself, when it is already indexed. */
  excludeId?: number;
  limit?: number;
}

export interface SimilarMatch {
  id: number;
  score: number;
  signals: { text: number; title: number; frames: number; recency: number };
}

export interface EngineOptions {
  bm25f?: Bm25fParams;
  weights?: SignalWeights;
  retrieval?: RetrievalLimits;
}

export async function findSimilar(
  reader: SimilarityReader,
  query: SimilarQuery,
  options: EngineOptions = {},
): Promise<SimilarMatch[]> {
  const params = options.bm25f ?? DEFAULT_BM25F;
  const weights = options.weights ?? SIGNAL_WEIGHTS;
  const limits = options.retrieval ?? DEFAULT_RETRIEVAL;
  const terms = analyse(query.text);
  const all = [...new Set(Object.values(terms).flatMap((f) => Object.keys(f)))];
  if (all.length === 0) return [];
  const [stats, df] = await Promise.all([reader.stats(), reader.docFreqs(all)]);
  if (stats.docCount === 0) return [];

  const ids = await retrieve(reader, all, df, stats.docCount, limits, query.excludeId);
  if (ids.length === 0) return [];
  const docs = await reader.docs(ids);
  const ctx = { stats, df, params };
  const q = queryWeights(terms, ctx);
  const self = bm25f(q, terms, ctx);
  const queryGrams = trigrams(query.text.title);
  const queryFrames = Object.keys(terms.frames);
  const matches = docs.map((doc) => {
    const signals = {
      text: normalised(bm25f(q, doc.terms, ctx), self, doc.terms, ctx),
      title: dice(queryGrams, trigrams(doc.title)),
      frames: frameOverlap(queryFrames, Object.keys(doc.terms.frames)),
      recency: recency(query.at, doc.createdAt),
    };
    const score =
      signals.text +
      weights.title * signals.title +
      weights.frames * signals.frames +
      weights.recency * signals.recency;
    return { id: doc.id, score, signals };
  });
  // Ties break on the newer issue, so the order is total and the same everywhere.
  matches.sort((a, b) => b.score - a.score || b.id - a.id);
  return matches.slice(0, query.limit ?? 10);
}

/**
 * BM25F as a share of what a perfect match would score: divided by the geometric mean of the two
 * issues' scores against themselves (a cosine, in BM25F's terms). Dividing by the query's own score
 * alone gives a one-word query 1 against any issue holding that word; the geometric mean is
 * symmetric, and on the Hadoop set it ranks better too (RR@10 0.803 → 0.864, bench/RESULTS.md).
 */
function normalised(score: number, querySelf: number, doc: FieldTerms, ctx: ScoringContext): number {
  // Only the query's terms have a known df; the candidate's other terms count as rare (df 0), so
  // what a candidate says beyond the query weighs fully against it. Measured as is (RESULTS.md).
  const docSelf = bm25f(queryWeights(doc, ctx), doc, ctx);
  const denominator = Math.sqrt(querySelf * docSelf);
  return denominator > 0 ? score / denominator : 0;
}

async function retrieve(
  reader: SimilarityReader,
  terms: readonly string[],
  df: ReadonlyMap<string, number>,
  docCount: number,
  limits: RetrievalLimits,
  excludeId: number | undefined,
): Promise<number[]> {
  const known = terms.filter((t) => (df.get(t) ?? 0) > 0);
  known.sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || (a < b ? -1 : 1));
  const picked = known.slice(0, limits.terms);
  const postings = await reader.postings(picked, limits.perTerm);
  const prior = new Map<number, number>();
  for (const term of picked) {
    const weight = idf(docCount, df.get(term) ?? 0);
    for (const id of postings.get(term) ?? []) {
      if (id !== excludeId) prior.set(id, (prior.get(id) ?? 0) + weight);
    }
  }
  return [...prior]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, limits.candidates)
    .map(([id]) => id);
}

export type { FieldTerms };
