import { sql } from 'kysely';
import { RANK_ALIAS, sqliteRankSource } from '../search/query-text.ts';
import type { StoreDialect } from './store-dialect.ts';

/**
 * SQLite: one writer at a time and one process, so writers are already serialised and a read row
 * cannot be taken by anyone else before commit; the locking clauses do not exist here.
 */
export const sqliteDialect: StoreDialect = {
  name: 'sqlite',
  serialiseWriters: async () => {},
  lockRows: (qb) => qb,
  lockForClaim: (qb) => qb,
  joinTextRank(qb, rankExpr, drive) {
    const source = sqliteRankSource(rankExpr).as(RANK_ALIAS);
    // biome-ignore lint/suspicious/noExplicitAny: a raw FTS subquery has no table type for the join builder
    const on = (j: any) => j.on(sql`${sql.ref(`${RANK_ALIAS}.rid`)} = i.id`);
    const joined = drive === 'inner' ? qb.innerJoin(source, on) : qb.leftJoin(source, on);
    return { qb: joined as unknown as typeof qb, requiredTextInJoin: drive === 'inner' };
  },
  idColumn: (c) => c.primaryKey().autoIncrement(),
  bytesType: sql`blob`,
  // One connection per process, so the pragma covers exactly the writes made while it is on.
  async eraseDurably(db, erase) {
    await sql`PRAGMA secure_delete = ON`.execute(db);
    try {
      return await erase();
    } finally {
      await sql`PRAGMA secure_delete = OFF`.execute(db);
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    }
  },
  async createIssueSearchIndex(db) {
    await sql`CREATE VIRTUAL TABLE issue_search USING fts5(title, body, tokenize = 'porter unicode61')`.execute(
      db,
    );
  },
  migrationTableSchema: async () => undefined,
};
