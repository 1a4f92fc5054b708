import { sql } from 'kysely';
import type { Tx } from '../transaction.ts';

/** The channel on which change_log writers announce new rows to every process's live connections. */
export const CHANGE_LOG_CHANNEL = 'closeloop_change_log';

/**
 * PostgreSQL delivers a NOTIFY sent inside a transaction only when it commits, so listeners in
 * other API processes read the new rows once they are visible (live/change-log-relay.ts). The
 * payload is the schema, which listeners compare with their own. SQLite: one process, whose
 * own feed already knows.
 */
export async function announceChangeLogGrowth(tx: Tx): Promise<void> {
  if (tx.dialect === 'postgres')
    await sql`SELECT pg_notify(${CHANGE_LOG_CHANNEL}, current_schema())`.execute(tx.db);
}
