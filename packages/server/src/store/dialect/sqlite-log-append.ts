import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { LogEntry } from '../event-log-store.ts';
import type { Database } from '../tables.ts';

/**
 * Appends to the raw event log through one prepared statement in one transaction. Building a
 * multi-row insert with Kysely on every flush was a large share of ingest CPU. The connection is
 * taken through Kysely first, so no Kysely transaction is open on it while this one runs.
 */
export function sqliteLogAppender(db: Kysely<Database>, raw: SQLite.Database) {
  let insertAll: ((entries: readonly LogEntry[]) => void) | undefined;
  return (entries: readonly LogEntry[]) =>
    db.connection().execute(async () => {
      insertAll ??= raw.transaction((rows: readonly LogEntry[]) => {
        const stmt = raw.prepare(
          'INSERT INTO raw_events (workspace_id, project_id, event_id, received_at, payload) VALUES (?, ?, ?, ?, ?) ON CONFLICT (project_id, event_id) DO NOTHING',
        );
        for (const e of rows) stmt.run(e.workspaceId, e.projectId, e.eventId, e.receivedAt, e.payload);
      });
      insertAll(entries);
    });
}
