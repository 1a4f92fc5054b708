import type { SelectQueryBuilder } from 'kysely';
import type { DialectName } from './dialect-name.ts';
import { dialectOf } from './store-dialect.ts';

/**
 * How a runner takes due jobs without another runner taking the same ones. PostgreSQL: the
 * candidate rows are locked `FOR UPDATE SKIP LOCKED`, so concurrent runners (several processes)
 * each get different rows and never wait on each other. SQLite: one writer at a time and one
 * process, so the claiming UPDATE is already exclusive; the clause does not exist there.
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any select over any table
export function lockForClaim<Q extends SelectQueryBuilder<any, any, any>>(qb: Q, dialect: DialectName): Q {
  return dialectOf(dialect).lockForClaim(qb);
}
