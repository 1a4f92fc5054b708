import type { Store } from './db.ts';

/** A store handle bound to one transaction; commands pass it on to every store function they call. */
export type Tx = Pick<Store, 'db' | 'dialect'>;

export async function inTransaction<T>(store: Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (store.db.isTransaction) return fn(store);
  return store.db.transaction().execute((trx) => fn({ db: trx, dialect: store.dialect }));
}

/** Unique-constraint violations, recognised in both dialects, so commands can answer 409. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * Errors that say the database is away or busy (connection lost, shutting down, out of disk or
 * resources, serialisation/deadlock, SQLite busy): retrying later may succeed. Anything else
 * from the same statement will fail the same way again.
 */
export function isTransientStoreError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (/^(08|53|57P|58|40001|40P01|55P03|55000)/.test(code)) return true;
  if (/^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|NOMEM|INTERRUPT|READONLY)/.test(code)) return true;
  if (/^E(CONNREFUSED|CONNRESET|TIMEDOUT|PIPE|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH)$/.test(code))
    return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|driver has already been destroyed|Client has encountered a connection error/i.test(
    message,
  );
}
