import { sql } from 'kysely';
import type { StoreDialect } from './store-dialect.ts';

/** PostgreSQL: many processes on one database, so ordering and claiming need explicit locks. */
export const postgresDialect: StoreDialect = {
  name: 'postgres',
  async serialiseWriters(tx, lockId) {
    await sql`SELECT pg_advisory_xact_lock(${lockId})`.execute(tx.db);
  },
  lockRows: (qb) => qb.forUpdate() as typeof qb,
  lockForClaim: (qb) => qb.forUpdate().skipLocked() as typeof qb,
  joinTextRank: (qb) => ({ qb, requiredTextInJoin: false }),
  idColumn: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
  bytesType: sql`bytea`,
  eraseDurably: (_db, erase) => erase(),
  async createIssueSearchIndex(db) {
    await sql`ALTER TABLE issues ADD COLUMN search_vector tsvector`.execute(db);
    await sql`CREATE INDEX issues_search ON issues USING gin (search_vector)`.execute(db);
  },
  async migrationTableSchema(db) {
    return (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s;
  },
};
