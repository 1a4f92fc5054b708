import type { ColumnDefinitionBuilder, Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';
import type { Tx } from '../transaction.ts';
import type { DialectName } from './dialect-name.ts';
import { postgresDialect } from './postgres-dialect.ts';
import { sqliteDialect } from './sqlite-dialect.ts';

// biome-ignore lint/suspicious/noExplicitAny: the locks apply to a select over any tables
type AnySelect = SelectQueryBuilder<any, any, any>;

/**
 * Everything SQLite and PostgreSQL do differently, except full-text matching and ranking
 * expressions (store/search/), behind one interface that each dialect implements once
 * (sqlite-dialect.ts, postgres-dialect.ts). Code elsewhere in store/ calls `dialectOf(tx.dialect)`
 * instead of branching on the dialect's name.
 */
export interface StoreDialect {
  readonly name: DialectName;
  /**
   * Makes concurrent writers of an id-ordered log commit one after another, so ids become
   * visible in id order (event-log-order.ts, change-log-order.ts say why). Call inside the
   * writing transaction, before the insert draws ids; held until commit.
   */
  serialiseWriters(tx: Tx, lockId: number): Promise<void>;
  /** Holds the rows a select reads until commit, so another process reading them waits. */
  lockRows<Q extends AnySelect>(qb: Q): Q;
  /** Lets concurrent claimers each take different rows, never waiting on each other (job-claim.ts). */
  lockForClaim<Q extends AnySelect>(qb: Q): Q;
  /**
   * Prepares a list page ranked by relevance for `rankExpr` (a search/query-text.ts expression):
   * SQLite joins an FTS5 subquery (bm25 exists only inside a MATCH query), inner when the text is
   * required, so the join itself already filters by it; PostgreSQL ranks inline and joins nothing.
   */
  joinTextRank<Q extends AnySelect>(
    qb: Q,
    rankExpr: string,
    drive: 'inner' | 'left',
  ): { qb: Q; requiredTextInJoin: boolean };
  /** Migrations: how an auto-numbered primary key is spelled. */
  idColumn(c: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Migrations: the column type of raw bytes. */
  readonly bytesType: RawBuilder<unknown>;
  /** Migrations: the full-text index of issues (kept current by search/search-index.ts). */
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  createIssueSearchIndex(db: Kysely<any>): Promise<void>;
  /**
   * Migrations: the schema Kysely's own migration tables live in. PostgreSQL names the current
   * one (tests run in parallel, one schema each, and Kysely would otherwise find another run's
   * lock table); SQLite has none.
   */
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  migrationTableSchema(db: Kysely<any>): Promise<string | undefined>;
  /**
   * Runs `erase` (deleting personal data on request) so that the deleted bytes do not stay readable
   * in the database files. SQLite zeroes freed content while it runs (secure_delete) and then
   * checkpoints and truncates the WAL, which still held the old pages; PostgreSQL just runs it
   * (dead tuples stay on disk until vacuum reuses their space).
   */
  // biome-ignore lint/suspicious/noExplicitAny: works on the connection, whatever the schema
  eraseDurably<T>(db: Kysely<any>, erase: () => Promise<T>): Promise<T>;
}

const DIALECTS: Record<DialectName, StoreDialect> = { sqlite: sqliteDialect, postgres: postgresDialect };

export function dialectOf(name: DialectName): StoreDialect {
  return DIALECTS[name];
}
