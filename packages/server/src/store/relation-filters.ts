import { CLOSED_CATEGORIES } from '@closeloop/shared/issue-fields';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { IssueEB } from './query/qualifier-resolver.ts';

/**
 * Predicates over `issues as i` for relations and time, for the query language and any list
 * filter. Each is an uncorrelated `i.id IN (subquery)` or a plain column test, so the planner
 * runs the subquery once and never per row. Every value is a bound parameter.
 */

const closed = [...CLOSED_CATEGORIES];

/** In a milestone with one of these names (any project of the workspace; case-insensitive). */
export function inMilestoneNamed(
  eb: IssueEB,
  workspaceId: number,
  names: readonly string[],
): Expression<SqlBool> {
  if (names.length === 0) return sql<SqlBool>`1 = 0`;
  return eb(
    'i.milestone_id',
    'in',
    eb
      .selectFrom('milestones as m')
      .select('m.id')
      .where('m.workspace_id', '=', workspaceId)
      .where(
        (e) => e.fn('lower', ['m.name']),
        'in',
        names.map((n) => n.toLowerCase()),
      ),
  );
}

export function hasMilestone(eb: IssueEB): Expression<SqlBool> {
  return eb('i.milestone_id', 'is not', null);
}

/** Direct children of the issue with this id. */
export function childOf(eb: IssueEB, parentId: number): Expression<SqlBool> {
  return eb('i.parent_id', '=', parentId);
}

export function hasParent(eb: IssueEB): Expression<SqlBool> {
  return eb('i.parent_id', 'is not', null);
}

/** Issues that have at least one sub-issue. */
export function hasChildren(eb: IssueEB, workspaceId: number): Expression<SqlBool> {
  return eb(
    'i.id',
    'in',
    eb
      .selectFrom('issues as c')
      .select('c.parent_id')
      .where('c.workspace_id', '=', workspaceId)
      .where('c.parent_id', 'is not', null),
  );
}

/** `is:blocked`: blocked by at least one issue that is still open. */
export function isBlocked(eb: IssueEB, workspaceId: number): Expression<SqlBool> {
  return eb(
    'i.id',
    'in',
    eb
      .selectFrom('issue_links as l')
      .innerJoin('issues as b', 'b.id', 'l.source_id')
      .select('l.target_id')
      .where('l.workspace_id', '=', workspaceId)
      .where('l.type', '=', 'blocks')
      .where('b.status_category', 'not in', closed),
  );
}

/** `is:blocking`: open, and blocks at least one issue that is still open. */
export function isBlocking(eb: IssueEB, workspaceId: number): Expression<SqlBool> {
  return eb.and([
    eb('i.status_category', 'not in', closed),
    eb(
      'i.id',
      'in',
      eb
        .selectFrom('issue_links as l')
        .innerJoin('issues as t', 't.id', 'l.target_id')
        .select('l.source_id')
        .where('l.workspace_id', '=', workspaceId)
        .where('l.type', '=', 'blocks')
        .where('t.status_category', 'not in', closed),
    ),
  ]);
}

/** Linked to the issue with this id in any way, from either end. */
export function linkedTo(eb: IssueEB, issueId: number): Expression<SqlBool> {
  const ends = (near: 'source_id' | 'target_id', far: 'source_id' | 'target_id') =>
    eb.selectFrom('issue_links as l').select(`l.${far}`).where(`l.${near}`, '=', issueId);
  return eb.or([
    eb('i.id', 'in', ends('source_id', 'target_id')),
    eb('i.id', 'in', ends('target_id', 'source_id')),
  ]);
}

/** Has any link at all. */
export function hasLinks(eb: IssueEB, workspaceId: number): Expression<SqlBool> {
  const ends = (col: 'source_id' | 'target_id') =>
    eb.selectFrom('issue_links as l').select(`l.${col}`).where('l.workspace_id', '=', workspaceId);
  return eb.or([eb('i.id', 'in', ends('source_id')), eb('i.id', 'in', ends('target_id'))]);
}

/** Compares the issue's own logged minutes (the maintained `i.logged_minutes` column). */
export function loggedMinutes(
  eb: IssueEB,
  op: '=' | '>' | '>=' | '<' | '<=',
  minutes: number,
): Expression<SqlBool> {
  return eb('i.logged_minutes', op, minutes);
}
