import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { dropIssueSimilarity, indexIssueSimilarity } from '../similarity-store.ts';
import type { Database } from '../tables.ts';
import type { Tx } from '../transaction.ts';
import { postgresTsQuery, sqliteMatchExpression } from './fts-terms.ts';

/**
 * Full-text search, the one place where the dialects differ: FTS5 in SQLite, tsvector in
 * PostgreSQL. Title weighs more than the body: description, comments, resolution note and the
 * lessons-learned record (so closed work is found by what was learned from it).
 */

export async function reindexIssue(tx: Tx, issueId: number): Promise<void> {
  if (tx.dialect === 'sqlite') {
    await sql`DELETE FROM issue_search WHERE rowid = ${issueId}`.execute(tx.db);
    await sql`INSERT INTO issue_search (rowid, title, body)
      SELECT i.id, i.title, i.description || ' ' || coalesce(
        (SELECT group_concat(c.body, ' ') FROM comments c WHERE c.issue_id = i.id AND c.deleted_at IS NULL), '')
        || ' ' || coalesce(i.resolution_note, '') || ' ' || coalesce(
        (SELECT l.what_happened || ' ' || l.impact || ' ' || l.root_cause || ' ' || l.fix || ' ' || l.prevention
           FROM lessons_learned l WHERE l.issue_id = i.id), '')
      FROM issues i WHERE i.id = ${issueId}`.execute(tx.db);
  } else {
    await sql`UPDATE issues SET search_vector =
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', description || ' ' || coalesce(
          (SELECT string_agg(c.body, ' ') FROM comments c WHERE c.issue_id = issues.id AND c.deleted_at IS NULL), '')
          || ' ' || coalesce(resolution_note, '') || ' ' || coalesce(
          (SELECT l.what_happened || ' ' || l.impact || ' ' || l.root_cause || ' ' || l.fix || ' ' || l.prevention
             FROM lessons_learned l WHERE l.issue_id = issues.id), '')), 'B')
      WHERE id = ${issueId}`.execute(tx.db);
  }
  // The similarity index (core/similarity) follows every text change in the same transaction.
  await indexIssueSimilarity(tx, issueId);
}

export async function dropFromIndex(tx: Tx, issueId: number): Promise<void> {
  if (tx.dialect === 'sqlite') await sql`DELETE FROM issue_search WHERE rowid = ${issueId}`.execute(tx.db);
  await dropIssueSimilarity(tx, issueId);
}

/** A WHERE predicate on `issues` (aliased `i`) that keeps issues matching `text`; null when there is nothing to match. */
export function textMatch(
  dialect: Tx['dialect'],
  text: string,
): ((eb: ExpressionBuilder<Database & { i: Database['issues'] }, 'i'>) => Expression<SqlBool>) | null {
  if (dialect === 'sqlite') {
    const match = sqliteMatchExpression(text);
    if (!match) return null;
    return () => sql<SqlBool>`i.id IN (SELECT rowid FROM issue_search WHERE issue_search MATCH ${match})`;
  }
  const q = postgresTsQuery(text);
  if (!q) return null;
  return () => sql<SqlBool>`i.search_vector @@ to_tsquery('english', ${q})`;
}
