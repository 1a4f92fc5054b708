import type { CorpusStats } from './bm25f.ts';
import {
  analyse,
  distinctTerms,
  FIELDS,
  fieldLength,
  type IndexedDoc,
  type SimilarityText,
} from './document.ts';
import type { SimilarityReader } from './engine.ts';

/**
 * The index held in memory: what the store keeps in its tables, for the duplicate benchmark and
 * for tests of the engine. Kept incrementally, like the store's.
 */
export class MemoryIndex implements SimilarityReader {
  private readonly byId = new Map<number, IndexedDoc>();
  private readonly df = new Map<string, number>();
  /** Ascending ids per term; read newest first. */
  private readonly postingLists = new Map<string, number[]>();
  private readonly totals: CorpusStats = {
    docCount: 0,
    totalLength: { title: 0, description: 0, frames: 0, route: 0, component: 0 },
  };

  add(id: number, createdAt: number, text: SimilarityText): void {
    if (this.byId.has(id)) this.remove(id);
    const doc: IndexedDoc = { id, createdAt, title: text.title, terms: analyse(text) };
    this.byId.set(id, doc);
    this.totals.docCount++;
    for (const f of FIELDS) this.totals.totalLength[f] += fieldLength(doc.terms[f]);
    for (const term of distinctTerms(doc.terms)) {
      this.df.set(term, (this.df.get(term) ?? 0) + 1);
      const list = this.postingLists.get(term) ?? [];
      list.push(id);
      if (list.length > 1 && (list.at(-2) ?? 0) > id) list.sort((a, b) => a - b);
      this.postingLists.set(term, list);
    }
  }

  remove(id: number): void {
    const doc = this.byId.get(id);
    if (!doc) return;
    this.byId.delete(id);
    this.totals.docCount--;
    for (const f of FIELDS) this.totals.totalLength[f] -= fieldLength(doc.terms[f]);
    for (const term of distinctTerms(doc.terms)) {
      this.df.set(term, (this.df.get(term) ?? 1) - 1);
      this.postingLists.set(
        term,
        (this.postingLists.get(term) ?? []).filter((x) => x !== id),
      );
    }
  }

  async stats(): Promise<CorpusStats> {
    return { docCount: this.totals.docCount, totalLength: { ...this.totals.totalLength } };
  }

  async docFreqs(terms: readonly string[]): Promise<Map<string, number>> {
    return new Map(terms.map((t) => [t, this.df.get(t) ?? 0]));
  }

  async postings(terms: readonly string[], perTerm: number): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    for (const t of terms) out.set(t, (this.postingLists.get(t) ?? []).slice(-perTerm).reverse());
    return out;
  }

  async docs(ids: readonly number[]): Promise<IndexedDoc[]> {
    return ids.flatMap((id) => {
      const doc = this.byId.get(id);
      return doc ? [doc] : [];
    });
  }
}
