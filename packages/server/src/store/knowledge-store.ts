import { PRIORITIES } from '@closeloop/shared/issue-fields';
import { textMatch } from './search/search-index.ts';
import type { Tx } from './transaction.ts';

export interface KnowledgeRow {
  project_key: string;
  number: number;
  title: string;
  type: string;
  priority: number;
  resolution: string | null;
  resolution_note: string | null;
  closed_at: number | null;
  what_happened: string | null;
  root_cause: string | null;
  fix: string | null;
  prevention: string | null;
}

/**
 * Closed issues whose text, resolution note or lessons-learned record match `text` — the team's
 * memory of what went wrong and what fixed it. Issues with a written record come first, then the
 * most recently closed, so the page leads with what someone took the time to explain.
 */
export async function searchKnowledge(
  tx: Tx,
  q: { workspaceId: number; projectId?: number | undefined; text: string; limit: number },
): Promise<KnowledgeRow[]> {
  const match = textMatch(tx.dialect, q.text);
  if (!match) return [];
  let query = tx.db
    .selectFrom('issues as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .leftJoin('lessons_learned as l', 'l.issue_id', 'i.id')
    .select([
      'p.key as project_key',
      'i.number',
      'i.title',
      'i.type',
      'i.priority',
      'i.resolution',
      'i.resolution_note',
      'i.closed_at',
      'l.what_happened',
      'l.root_cause',
      'l.fix',
      'l.prevention',
    ])
    .where('i.workspace_id', '=', q.workspaceId)
    .where('i.closed_at', 'is not', null)
    .where(match);
  if (q.projectId !== undefined) query = query.where('i.project_id', '=', q.projectId);
  const rows = await query
    .orderBy((eb) => eb.case().when('l.issue_id', 'is', null).then(1).else(0).end())
    .orderBy('i.closed_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    number: Number(r.number),
    closed_at: r.closed_at === null ? null : Number(r.closed_at),
  }));
}

export const priorityName = (rank: number) => PRIORITIES[rank] ?? 'none';
