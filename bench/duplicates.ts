import { resolve } from 'node:path';
import { idf } from '@closeloop/core/similarity/bm25f';
import { type EngineOptions, findSimilar } from '@closeloop/core/similarity/engine';
import { MemoryIndex } from '@closeloop/core/similarity/memory-index';
import { termCounts, tokenise } from '@closeloop/core/similarity/tokenise';
import { type DuplicatePair, defaultDir, type Report, readPairs, readReports } from './_duplicates-data.ts';

/**
 * `npm run bench duplicates -- --data <dir>`: duplicate detection on real bug reports. Every report
 * is imported in creation order through the similarity engine (core/similarity, the code the
 * server runs, with its candidate retrieval); each known duplicate pair is asked once, by its
 * later-created report, and the rank of its partner among the reports created before it is kept.
 * The same is done with plain BM25 (k1 = 1.2, b = 0.75 over summary + description, same tokeniser).
 * Default folder: ../shared/data/duplicates/hadoop (read in place).
 */

const RANKS_KEPT = 1_000;

export interface Figures {
  ranker: string;
  pairs: number;
  'rr@1': number;
  'rr@5': number;
  'rr@10': number;
  'rr@20': number;
  map: number;
}

function figures(ranker: string, ranks: readonly number[]): Figures {
  const share = (k: number) => ranks.filter((r) => r <= k).length / ranks.length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    ranker,
    pairs: ranks.length,
    'rr@1': round(share(1)),
    'rr@5': round(share(5)),
    'rr@10': round(share(10)),
    'rr@20': round(share(20)),
    map: round(ranks.reduce((s, r) => s + (Number.isFinite(r) ? 1 / r : 0), 0) / ranks.length),
  };
}

/** Ranks (1-based; Infinity when not returned) of each pair's target, by the engine. */
export async function engineRanks(
  reports: readonly Report[],
  pairs: readonly DuplicatePair[],
  options: EngineOptions = {},
): Promise<number[]> {
  const asks = askedBy(pairs);
  const index = new MemoryIndex();
  const seq = new Map<string, number>();
  const ranks = new Map<DuplicatePair, number>();
  for (const [i, report] of reports.entries()) {
    const text = { title: report.summary, description: report.description };
    const mine = asks.get(report.id);
    if (mine) {
      const found = await findSimilar(index, { text, at: report.created, limit: RANKS_KEPT }, options);
      for (const pair of mine) {
        const target = seq.get(pair.target);
        const at = found.findIndex((m) => m.id === target);
        ranks.set(pair, at < 0 ? Number.POSITIVE_INFINITY : at + 1);
      }
    }
    seq.set(report.id, i + 1);
    index.add(i + 1, report.created, text);
  }
  return pairs.map((p) => ranks.get(p) ?? Number.POSITIVE_INFINITY);
}

/** The baseline: Okapi BM25 over summary + description, every report before the query scored. */
export function bm25Ranks(reports: readonly Report[], pairs: readonly DuplicatePair[]): number[] {
  const asks = askedBy(pairs);
  const docs: { id: string; tf: Map<string, number>; length: number }[] = [];
  const df = new Map<string, number>();
  let totalLength = 0;
  const ranks = new Map<DuplicatePair, number>();
  for (const report of reports) {
    const tokens = tokenise(`${report.summary} ${report.description}`);
    const mine = asks.get(report.id);
    if (mine && docs.length > 0) {
      const avg = totalLength / docs.length;
      const query = [...new Set(tokens)].map((t) => [t, idf(docs.length, df.get(t) ?? 0)] as const);
      const scored = docs.map((d) => {
        const norm = 1 - 0.75 + (0.75 * d.length) / avg;
        let score = 0;
        for (const [t, w] of query) {
          const tf = d.tf.get(t);
          if (tf) score += (w * tf * 2.2) / (tf + 1.2 * norm);
        }
        return { id: d.id, score };
      });
      scored.sort((a, b) => b.score - a.score);
      for (const pair of mine) ranks.set(pair, scored.findIndex((s) => s.id === pair.target) + 1);
    }
    const tf = termCounts(tokens);
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    docs.push({ id: report.id, tf, length: tokens.length });
    totalLength += tokens.length;
  }
  return pairs.map((p) => ranks.get(p) || Number.POSITIVE_INFINITY);
}

function askedBy(pairs: readonly DuplicatePair[]): Map<string, DuplicatePair[]> {
  const asks = new Map<string, DuplicatePair[]>();
  for (const p of pairs) asks.set(p.query, [...(asks.get(p.query) ?? []), p]);
  return asks;
}

function printTable(rows: readonly Figures[]): void {
  console.log('ranker      pairs  RR@1   RR@5   RR@10  RR@20  MAP');
  for (const r of rows) {
    const cells = [r['rr@1'], r['rr@5'], r['rr@10'], r['rr@20'], r.map].map((x) => x.toFixed(3).padEnd(6));
    console.log(`${r.ranker.padEnd(11)} ${String(r.pairs).padEnd(6)} ${cells.join(' ')}`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--data');
  const dir = at >= 0 && args[at + 1] ? resolve(args[at + 1] as string) : defaultDir();
  const reports = readReports(dir);
  const pairs = readPairs(dir, reports);
  console.log(`${dir}: ${reports.length} reports, ${pairs.length} duplicate pairs`);
  const started = performance.now();
  const engine = figures('closeloop', await engineRanks(reports, pairs));
  const engineMs = performance.now() - started;
  const baseline = figures('bm25', bm25Ranks(reports, pairs));
  printTable([engine, baseline]);
  console.log(`engine: ${reports.length} imports + ${pairs.length} queries in ${Math.round(engineMs)} ms`);
  console.log(
    `closeloop − bm25: RR@10 ${(engine['rr@10'] - baseline['rr@10']).toFixed(3)}, MAP ${(engine.map - baseline.map).toFixed(3)}`,
  );
  console.log(JSON.stringify(engine));
  console.log(JSON.stringify(baseline));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
