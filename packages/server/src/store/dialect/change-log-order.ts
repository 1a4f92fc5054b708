import type { Tx } from '../transaction.ts';
import { dialectOf } from './store-dialect.ts';

/**
 * Live clients resume from "the last id I saw", which is only gap-free if change_log ids become
 * visible in id order. SQLite has one writer at a time, so they do. In PostgreSQL two transactions
 * could take ids 7 and 8 and commit 8 first; a reader in between would skip 7 for ever. Every
 * writer therefore takes one transaction-scoped advisory lock just before inserting, which orders
 * the commits across all processes (writers hold it only for the insert and the commit).
 */
const CHANGE_LOG_LOCK = 730_003;

export async function orderChangeLogWriters(tx: Tx): Promise<void> {
  await dialectOf(tx.dialect).serialiseWriters(tx, CHANGE_LOG_LOCK);
}
