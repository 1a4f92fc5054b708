import type { Tx } from '../transaction.ts';
import { dialectOf } from './store-dialect.ts';

/**
 * The grouping worker consumes `raw_events` by id ("everything after my offset"), which is only
 * exactly-once if ids become visible in id order. SQLite has one writer, so they do. In
 * PostgreSQL two API processes could take ids 100–109 and 110–119 and commit the second batch
 * first; a worker reading in between would move its offset past 100–109 for ever. Every append
 * therefore takes this transaction-scoped advisory lock before its insert draws ids: commits are
 * ordered across all processes, and PostgreSQL makes a commit visible before it releases the lock.
 * (Why this rather than a claim table or xid visibility: ARCHITECTURE.md, "Ingest".)
 */
const EVENT_LOG_LOCK = 730_004;

export async function orderEventLogWriters(tx: Tx): Promise<void> {
  await dialectOf(tx.dialect).serialiseWriters(tx, EVENT_LOG_LOCK);
}
