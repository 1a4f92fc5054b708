import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { searchTerms } from './fts-terms.ts';

/**
 * Free text of the query language, for both engines. A bare word matches as a word prefix
 * ("checko" finds checkout); a quoted string matches as a phrase. Only word characters survive
 * `searchTerms`, so user text never becomes FTS syntax, and the finished expression is always a
 * bound parameter.
 */
export interface TextTerm {
  text: string;
  phrase: boolean;
}

function sqliteTerm(t: TextTerm): string | null {
  const words = searchTerms(t.text);
  if (words.length === 0) return null;
  if (t.phrase) return `"${words.join(' ')}"`;
  return words.map((w) => `"${w}"*`).join(' AND ');
}

function postgresTerm(t: TextTerm): string | null {
  const words = searchTerms(t.text);
  if (words.length === 0) return null;
  if (t.phrase) return words.length === 1 ? words[0]! : `(${words.join(' <-> ')})`;
  return words.map((w) => `${w}:*`).join(' & ');
}

/** One engine expression for several terms joined by AND or OR; null when no term has a word. */
export function textExpression(
  dialect: DialectName,
  terms: readonly TextTerm[],
  join: 'and' | 'or',
): string | null {
  const parts = terms
    .map((t) => (dialect === 'sqlite' ? sqliteTerm(t) : postgresTerm(t)))
    .filter((p): p is string => p !== null);
  if (parts.length === 0) return null;
  const glue = dialect === 'sqlite' ? (join === 'and' ? ' AND ' : ' OR ') : join === 'and' ? ' & ' : ' | ';
  return parts.map((p) => `(${p})`).join(glue);
}

/** `i` matches the expression; null when the term has no word (the caller decides what that means). */
export function textPredicate(dialect: DialectName, term: TextTerm): Expression<SqlBool> | null {
  const expr = textExpression(dialect, [term], 'and');
  if (!expr) return null;
  return dialect === 'sqlite'
    ? sql<SqlBool>`i.id IN (SELECT rowid FROM issue_search WHERE issue_search MATCH ${expr})`
    : sql<SqlBool>`i.search_vector @@ to_tsquery('english', ${expr})`;
}

/**
 * Ranking, higher is better. SQLite: the negated bm25 of a joined FTS subquery (title weighs
 * 10× the body); PostgreSQL: ts_rank as float8, so a cursor's value compares exactly.
 */
export const RANK_ALIAS = 'fts';

export function sqliteRankSource(expr: string) {
  return sql`(SELECT rowid AS rid, bm25(issue_search, 10.0, 1.0) AS score FROM issue_search WHERE issue_search MATCH ${expr})`;
}

export function relevanceExpression(
  dialect: DialectName,
  expr: string,
  joined: 'inner' | 'left',
): RawBuilder<number> {
  if (dialect === 'sqlite') {
    return joined === 'inner' ? sql<number>`(-fts.score)` : sql<number>`coalesce(-fts.score, 0.0)`;
  }
  return sql<number>`ts_rank(i.search_vector, to_tsquery('english', ${expr}))::float8`;
}
