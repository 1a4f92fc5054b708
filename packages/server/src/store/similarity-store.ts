import type { CorpusStats } from '@closeloop/core/similarity/bm25f';
import {
  analyse,
  distinctTerms,
  FIELDS,
  type FieldTerms,
  fieldLength,
  type IndexedDoc,
  type SimilarityText,
} from '@closeloop/core/similarity/document';
import type { SimilarityReader } from '@closeloop/core/similarity/engine';
import { sql } from 'kysely';
import type { Tx } from './transaction.ts';

/**
 * The similarity index in the database: one set of queries for SQLite and PostgreSQL. It stores
 * and answers (statistics, document frequencies, postings, documents); the ranking itself happens
 * in core/similarity/engine.ts, so both dialects order results identically.
 */

const CHUNK = 300;

export class StoreSimilarityReader implements SimilarityReader {
  constructor(
    private readonly tx: Tx,
    private readonly projectId: number,
  ) {}

  async stats(): Promise<CorpusStats> {
    const row = await this.tx.db
      .selectFrom('similarity_stats')
      .selectAll()
      .where('project_id', '=', this.projectId)
      .executeTakeFirst();
    return {
      docCount: Number(row?.doc_count ?? 0),
      totalLength: {
        title: Number(row?.title_length ?? 0),
        description: Number(row?.description_length ?? 0),
        frames: Number(row?.frames_length ?? 0),
        route: Number(row?.route_length ?? 0),
        component: Number(row?.component_length ?? 0),
      },
    };
  }

  async docFreqs(terms: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>(terms.map((t) => [t, 0]));
    for (const chunk of chunks(terms)) {
      const rows = await this.tx.db
        .selectFrom('similarity_terms')
        .select(['term', 'df'])
        .where('project_id', '=', this.projectId)
        .where('term', 'in', chunk)
        .execute();
      for (const r of rows) out.set(r.term, Number(r.df));
    }
    return out;
  }

  async postings(terms: readonly string[], perTerm: number): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    // One short index range per term (newest first); a single IN over common terms would read them whole.
    for (const term of terms) {
      const rows = await this.tx.db
        .selectFrom('similarity_postings')
        .select('issue_id')
        .where('project_id', '=', this.projectId)
        .where('term', '=', term)
        .orderBy('issue_id', 'desc')
        .limit(perTerm)
        .execute();
      out.set(
        term,
        rows.map((r) => Number(r.issue_id)),
      );
    }
    return out;
  }

  async docs(ids: readonly number[]): Promise<IndexedDoc[]> {
    const docs: IndexedDoc[] = [];
    for (const chunk of chunks(ids)) {
      const rows = await this.tx.db
        .selectFrom('similarity_docs')
        .select(['issue_id', 'created_at', 'title', 'terms'])
        .where('project_id', '=', this.projectId)
        .where('issue_id', 'in', chunk)
        .execute();
      for (const r of rows) {
        docs.push({
          id: Number(r.issue_id),
          createdAt: Number(r.created_at),
          title: r.title,
          terms: JSON.parse(r.terms) as FieldTerms,
        });
      }
    }
    return docs;
  }
}

/** What the index needs of an issue: its text, plus frames and route for machine-found ones. */
export async function similarityTextOf(
  tx: Tx,
  issueId: number,
): Promise<{ text: SimilarityText; workspaceId: number; projectId: number; createdAt: number } | null> {
  const issue = await tx.db
    .selectFrom('issues')
    .select(['workspace_id', 'project_id', 'created_at', 'title', 'description'])
    .where('id', '=', issueId)
    .executeTakeFirst();
  if (!issue) return null;
  const groups = await tx.db
    .selectFrom('event_groups')
    .select(['id', 'components'])
    .where('issue_id', '=', issueId)
    .orderBy('id')
    .execute();
  const frames = groups.flatMap((g) => framesOfComponents(g.components));
  const route = groups.length
    ? await tx.db
        .selectFrom('group_facets')
        .select('value')
        .where(
          'group_id',
          'in',
          groups.map((g) => g.id),
        )
        .where('facet', '=', 'route')
        .orderBy('count', 'desc')
        .orderBy('value')
        .limit(1)
        .executeTakeFirst()
    : undefined;
  return {
    workspaceId: issue.workspace_id,
    projectId: issue.project_id,
    createdAt: Number(issue.created_at),
    text: { title: issue.title, description: issue.description, frames, route: route?.value ?? null },
  };
}

/** Grouping components that are frames (`module:function`); the kind, type and message are not. */
function framesOfComponents(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((c): c is string => typeof c === 'string' && /^[^\s:]+:[^\s:]+$/.test(c));
  } catch {
    return [];
  }
}

/** Brings an issue's entry up to date (in the caller's transaction): document, postings, df, totals. */
export async function indexIssueSimilarity(tx: Tx, issueId: number): Promise<void> {
  const source = await similarityTextOf(tx, issueId);
  if (!source) return dropIssueSimilarity(tx, issueId);
  const terms = analyse(source.text);
  const old = await tx.db
    .selectFrom('similarity_docs')
    .select(['project_id', 'terms', 'title'])
    .where('issue_id', '=', issueId)
    .executeTakeFirst();
  if (old && old.project_id !== source.projectId) {
    await dropIssueSimilarity(tx, issueId);
    return indexIssueSimilarity(tx, issueId);
  }
  const before: FieldTerms | null = old ? (JSON.parse(old.terms) as FieldTerms) : null;
  const termsJson = JSON.stringify(terms);
  if (old && old.terms === termsJson && old.title === source.text.title) return;

  const oldSet = new Set(before ? distinctTerms(before) : []);
  const newSet = new Set(distinctTerms(terms));
  const added = [...newSet].filter((t) => !oldSet.has(t)).sort();
  const removed = [...oldSet].filter((t) => !newSet.has(t)).sort();
  await removeTerms(tx, source.projectId, issueId, removed);
  await addTerms(tx, source.projectId, issueId, added);
  await adjustStats(tx, source.projectId, before ? 0 : 1, lengths(terms), before ? lengths(before) : null);
  if (old) {
    await tx.db
      .updateTable('similarity_docs')
      .set({ terms: termsJson, title: source.text.title })
      .where('issue_id', '=', issueId)
      .execute();
  } else {
    await tx.db
      .insertInto('similarity_docs')
      .values({
        issue_id: issueId,
        workspace_id: source.workspaceId,
        project_id: source.projectId,
        created_at: source.createdAt,
        title: source.text.title,
        terms: termsJson,
      })
      .execute();
  }
}

export async function dropIssueSimilarity(tx: Tx, issueId: number): Promise<void> {
  const old = await tx.db
    .selectFrom('similarity_docs')
    .select(['project_id', 'terms'])
    .where('issue_id', '=', issueId)
    .executeTakeFirst();
  if (!old) return;
  const terms = JSON.parse(old.terms) as FieldTerms;
  await removeTerms(tx, old.project_id, issueId, distinctTerms(terms).sort());
  await adjustStats(tx, old.project_id, -1, null, lengths(terms));
  await tx.db.deleteFrom('similarity_docs').where('issue_id', '=', issueId).execute();
}

async function addTerms(tx: Tx, projectId: number, issueId: number, terms: readonly string[]): Promise<void> {
  for (const chunk of chunks(terms)) {
    await tx.db
      .insertInto('similarity_postings')
      .values(chunk.map((term) => ({ project_id: projectId, term, issue_id: issueId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx.db
      .insertInto('similarity_terms')
      .values(chunk.map((term) => ({ project_id: projectId, term, df: 1 })))
      .onConflict((oc) =>
        oc.columns(['project_id', 'term']).doUpdateSet({ df: sql`similarity_terms.df + 1` }),
      )
      .execute();
  }
}

async function removeTerms(
  tx: Tx,
  projectId: number,
  issueId: number,
  terms: readonly string[],
): Promise<void> {
  for (const chunk of chunks(terms)) {
    await tx.db
      .deleteFrom('similarity_postings')
      .where('project_id', '=', projectId)
      .where('issue_id', '=', issueId)
      .where('term', 'in', chunk)
      .execute();
    await tx.db
      .updateTable('similarity_terms')
      .set({ df: sql`df - 1` })
      .where('project_id', '=', projectId)
      .where('term', 'in', chunk)
      .execute();
  }
  if (terms.length > 0) {
    await tx.db
      .deleteFrom('similarity_terms')
      .where('project_id', '=', projectId)
      .where('df', '<=', 0)
      .execute();
  }
}

type Lengths = Record<(typeof FIELDS)[number], number>;

function lengths(terms: FieldTerms): Lengths {
  return Object.fromEntries(FIELDS.map((f) => [f, fieldLength(terms[f])])) as Lengths;
}

async function adjustStats(
  tx: Tx,
  projectId: number,
  docDelta: number,
  add: Lengths | null,
  sub: Lengths | null,
): Promise<void> {
  const delta = (f: (typeof FIELDS)[number]) => (add?.[f] ?? 0) - (sub?.[f] ?? 0);
  await tx.db
    .insertInto('similarity_stats')
    .values({
      project_id: projectId,
      doc_count: Math.max(0, docDelta),
      title_length: Math.max(0, delta('title')),
      description_length: Math.max(0, delta('description')),
      frames_length: Math.max(0, delta('frames')),
      route_length: Math.max(0, delta('route')),
      component_length: Math.max(0, delta('component')),
    })
    .onConflict((oc) =>
      oc.column('project_id').doUpdateSet({
        doc_count: sql`similarity_stats.doc_count + ${docDelta}`,
        title_length: sql`similarity_stats.title_length + ${delta('title')}`,
        description_length: sql`similarity_stats.description_length + ${delta('description')}`,
        frames_length: sql`similarity_stats.frames_length + ${delta('frames')}`,
        route_length: sql`similarity_stats.route_length + ${delta('route')}`,
        component_length: sql`similarity_stats.component_length + ${delta('component')}`,
      }),
    )
    .execute();
}

/** Issues not indexed yet (created before the index existed), oldest first. */
export async function unindexedIssues(tx: Tx, limit: number): Promise<number[]> {
  const rows = await tx.db
    .selectFrom('issues as i')
    .leftJoin('similarity_docs as d', 'd.issue_id', 'i.id')
    .select('i.id')
    .where('d.issue_id', 'is', null)
    .orderBy('i.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
