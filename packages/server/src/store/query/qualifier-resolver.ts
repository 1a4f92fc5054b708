import type { TermNode } from '@closeloop/core/query/query-ast';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import type { Database } from '../tables.ts';
import type { Tx } from '../transaction.ts';

/** Builds SQL over `issues` aliased `i`. */
export type IssueEB = ExpressionBuilder<Database & { i: Database['issues'] }, 'i'>;
export type Predicate = (eb: IssueEB) => Expression<SqlBool>;

export interface QueryContext {
  workspaceId: number;
  actorId: number;
  dialect: DialectName;
  now: number;
}

/**
 * Extension point for qualifiers the language itself does not know: custom fields by name,
 * milestones, anything an area adds later. A resolver returns null when the term is not its
 * own; it throws QueryError (pointing at `term.valuePos`) when the term is its own but the value
 * is wrong. Every value must reach SQL as a bound parameter.
 */
export interface QualifierResolver {
  name: string;
  resolve(tx: Tx, term: TermNode, ctx: QueryContext): Promise<Predicate | null>;
}
