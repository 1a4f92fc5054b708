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
