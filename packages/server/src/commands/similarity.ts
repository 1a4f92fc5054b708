import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import { assertCan } from '@closeloop/core/permissions/permissions';
import {
  findSimilar,
  LIKELY_DUPLICATE_SCORE,
  type SimilarMatch,
  TYPING_RETRIEVAL,
} from '@closeloop/core/similarity/engine';
import type { SimilarIssue, SimilarList, SimilarQuery } from '@closeloop/shared/api/similarity';
import type { Services } from '../services.ts';
import {
  indexIssueSimilarity,
  StoreSimilarityReader,
  similarityTextOf,
  unindexedIssues,
} from '../store/similarity-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';
import { requireProject } from './projects.ts';

/**
 * Similar issues, through the engine in core/similarity: while a person types a new issue's title
 * (project + text), and for an existing issue (its own text, frames and route). The store answers
 * the engine's questions; the order is the engine's, the same on both databases.
 */

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export async function similarToText(
  svc: Services,
  actor: Actor,
  projectKey: string,
  q: SimilarQuery,
): Promise<SimilarList> {
  assertCan(actor.role, 'workspace.read');
  const tx = svc.store;
  const project = await requireProject(tx, actor.workspaceId, projectKey);
  if (q.title.trim() === '' && q.description.trim() === '') {
    return { items: [], threshold: LIKELY_DUPLICATE_SCORE, likelyDuplicateOf: null };
  }
  const matches = await findSimilar(
    new StoreSimilarityReader(tx, project.id),
    {
      text: { title: q.title, description: q.description },
      at: Date.now(),
      limit: q.limit,
    },
    { retrieval: TYPING_RETRIEVAL },
  );
  return {
    items: await present(tx, actor.workspaceId, matches),
    threshold: LIKELY_DUPLICATE_SCORE,
    likelyDuplicateOf: null,
  };
}

export async function similarToIssue(
  svc: Services,
  actor: Actor,
  key: string,
  limit: number,
): Promise<SimilarList> {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  return similarOfIssueId(svc.store, actor.workspaceId, issue.id, limit);
}

/**
 * The closest issues to an existing one, and the earlier issue it most likely duplicates (above
 * LIKELY_DUPLICATE_SCORE; a duplicate is the later report, so only earlier issues qualify and a
 * merged duplicate is never proposed again). For the issue page, the triage queue and closing.
 */
export async function similarOfIssueId(
  tx: Tx,
  workspaceId: number,
  issueId: number,
  limit = 8,
): Promise<SimilarList> {
  const source = await similarityTextOf(tx, issueId);
  if (!source || source.workspaceId !== workspaceId) {
    return { items: [], threshold: LIKELY_DUPLICATE_SCORE, likelyDuplicateOf: null };
  }
  const matches = await findSimilar(new StoreSimilarityReader(tx, source.projectId), {
    text: source.text,
    at: source.createdAt,
    excludeId: issueId,
    limit,
  });
  const items = await present(tx, workspaceId, matches);
  const merged = await tx.db
    .selectFrom('issue_merges')
    .select('id')
    .where('duplicate_id', '=', issueId)
    .where('undone_at', 'is', null)
    .executeTakeFirst();
  const likelyDuplicateOf = merged
    ? null
    : (items.find((m) => m.likelyDuplicate && Date.parse(m.createdAt) <= source.createdAt) ?? null);
  return { items, threshold: LIKELY_DUPLICATE_SCORE, likelyDuplicateOf };
}

async function present(
  tx: Tx,
  workspaceId: number,
  matches: readonly SimilarMatch[],
): Promise<SimilarIssue[]> {
  if (matches.length === 0) return [];
  const rows = await tx.db
    .selectFrom('issues as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select([
      'i.id',
      'i.number',
      'p.key as project_key',
      'i.title',
      'i.status',
      'i.status_category',
      'i.resolution',
      'i.resolution_note',
      'i.closed_at',
      'i.created_at',
    ])
    .where('i.workspace_id', '=', workspaceId)
    .where(
      'i.id',
      'in',
      matches.map((m) => m.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return matches.flatMap((m) => {
    const r = byId.get(m.id);
    if (!r) return [];
    return [
      {
        key: formatIssueKey(r.project_key, r.number),
        title: r.title,
        status: r.status,
        statusCategory: r.status_category,
        resolution: r.resolution,
        resolutionNote: r.resolution_note,
        closedAt: iso(r.closed_at),
        createdAt: iso(r.created_at)!,
        score: round(m.score),
        likelyDuplicate: m.score >= LIKELY_DUPLICATE_SCORE,
        signals: {
          text: round(m.signals.text),
          title: round(m.signals.title),
          frames: round(m.signals.frames),
          recency: round(m.signals.recency),
        },
      },
    ];
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Indexes issues that predate the similarity index (a database migrated to 0035 with issues in it),
 * in transactions of a few hundred. Run at start-up; new and edited issues are indexed as they change.
 */
export async function backfillSimilarityIndex(store: Tx): Promise<number> {
  let done = 0;
  for (;;) {
    const ids = await unindexedIssues(store, 200);
    if (ids.length === 0) return done;
    await inTransaction(store, async (tx) => {
      for (const id of ids) await indexIssueSimilarity(tx, id);
    });
    done += ids.length;
  }
}
