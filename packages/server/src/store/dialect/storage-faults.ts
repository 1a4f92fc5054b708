/**
 * What a database error means for the client, recognised for both dialects in one place; the
 * HTTP error handler turns it into an answer (http/error-handler.ts).
 * - `unavailable`: the database is away, restarting, out of connections or out of disk. Nothing
 *   was written; the client retries later (503 with Retry-After).
 * - `unstorable`: text the database cannot hold (a 400; NUL is replaced at the edges already,
 *   this is the backstop for anything that slips past).
 */
export type StorageFault = 'unavailable' | 'unstorable';

// PostgreSQL SQLSTATE codes and classes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const PG_UNAVAILABLE = new Set([
  '55000', // object_not_in_prerequisite_state: e.g. the database does not accept connections now
  '57P01', // admin_shutdown (pg_terminate_backend, a restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovery)
  '57P05', // idle_session_timeout
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);
const PG_UNAVAILABLE_CLASSES = ['08', '53', '58']; // connection exception, insufficient resources, system error
const PG_UNSTORABLE = new Set(['22021', '22P05']); // character_not_in_repertoire, untranslatable_character

const NODE_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|NOMEM|PROTOCOL)/;

// Raised without a code: by pg when a connection dies or none can be had, and by Kysely's
// rollback after SQLite already ended the transaction itself (what SQLITE_FULL leaves behind).
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error',
  'timeout exceeded when trying to connect',
  'terminating connection',
  'database or disk is full',
  'cannot rollback - no transaction is active',
  'Cannot use a pool after calling end',
];

function faultOf(err: { code?: unknown; message?: unknown }): StorageFault | null {
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : '';
  if (PG_UNSTORABLE.has(code)) return 'unstorable';
  if (PG_UNAVAILABLE.has(code) || (code.length === 5 && PG_UNAVAILABLE_CLASSES.includes(code.slice(0, 2))))
    return 'unavailable';
  if (NODE_UNAVAILABLE.has(code) || SQLITE_UNAVAILABLE.test(code)) return 'unavailable';
  if (UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return 'unavailable';
  return null;
}

/** The storage fault behind an error (following `cause` and AggregateError members), if any. */
export function storageFault(err: unknown): StorageFault | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const fault = faultOf(e as { code?: unknown; message?: unknown });
    if (fault) return fault;
    const { cause, errors } = e as { cause?: unknown; errors?: unknown };
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return null;
}
