import { FIELDS, type Field, type FieldTerms, fieldLength } from './document.ts';

/**
 * Field-weighted BM25 (BM25F, Robertson & Zaragoza 2009): each field's term frequency is
 * length-normalised with its own b, weighted, summed into one pseudo-frequency per term, and
 * saturated once with k1. One idf per term over whole documents.
 */

export interface CorpusStats {
  docCount: number;
  /** Sum of field lengths over all documents, for the average length of each field. */
  totalLength: Record<Field, number>;
}

export interface FieldParams {
  weight: number;
  b: number;
}

export interface Bm25fParams {
  k1: number;
  fields: Record<Field, FieldParams>;
}

/**
 * Why these weights: a title is a summary written to be found, so a title word counts three
 * description words; a frame names code exactly, so it counts two; route and component are single
 * exact terms (no length to normalise, b = 0). Titles are short and similar in length, so their
 * length matters less (b = 0.5) than a description's (0.75, the usual BM25 default). Fixed here,
 * never fitted per dataset (the duplicate benchmark holds us to that).
 */
export const DEFAULT_BM25F: Bm25fParams = {
  k1: 1.2,
  fields: {
    title: { weight: 3, b: 0.5 },
    description: { weight: 1, b: 0.75 },
    frames: { weight: 2, b: 0.3 },
    route: { weight: 1.5, b: 0 },
    component: { weight: 1.5, b: 0 },
  },
};

export function idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

export interface ScoringContext {
  stats: CorpusStats;
  df: ReadonlyMap<string, number>;
  params: Bm25fParams;
}

/** Query terms with their weight: every distinct term of the query once, weighted by its idf. */
export function queryWeights(query: FieldTerms, ctx: ScoringContext): Map<string, number> {
  const weights = new Map<string, number>();
  for (const f of FIELDS) {
    for (const term of Object.keys(query[f])) {
      if (weights.has(term)) continue;
      weights.set(term, idf(ctx.stats.docCount, ctx.df.get(term) ?? 0));
    }
  }
  return weights;
}

export function bm25f(query: ReadonlyMap<string, number>, doc: FieldTerms, ctx: ScoringContext): number {
  const { stats, params } = ctx;
  const norms = {} as Record<Field, number>;
  for (const f of FIELDS) {
    const avg = stats.docCount > 0 ? stats.totalLength[f] / stats.docCount : 0;
    const { b } = params.fields[f];
    norms[f] = avg > 0 ? 1 - b + (b * fieldLength(doc[f])) / avg : 1;
  }
  let score = 0;
  for (const [term, weight] of query) {
    let tf = 0;
    for (const f of FIELDS) {
      const count = doc[f][term];
      if (count) tf += (params.fields[f].weight * count) / norms[f];
    }
    if (tf > 0) score += (weight * tf) / (params.k1 + tf);
  }
  return score;
}
