import type { DialectName } from './dialect-name.ts';

/**
 * Embedded SQLite is one process by design (README: one file, one process). On PostgreSQL any
 * number of API and worker processes may share the database, so state that must hold across
 * requests (rate limits, live wake-ups) has to live in the database, not in a process's memory.
 */
export function sharedByManyProcesses(dialect: DialectName): boolean {
  return dialect === 'postgres';
}
