import type { BucketState } from '@closeloop/core/ingest/token-bucket';
import { dialectOf } from './dialect/store-dialect.ts';
import { inTransaction, type Tx } from './transaction.ts';

/**
 * Runs `step` on the shared bucket `key` and stores what it returns, as one transaction holding
 * the row's lock, so API processes taking from one bucket at once are serialised and the limit
 * holds across all of them. `fresh` is the state of a bucket never seen.
 */
export async function updateBucket<R>(
  store: Tx,
  key: string,
  fresh: BucketState,
  step: (s: BucketState) => { state: BucketState; result: R },
): Promise<R> {
  return inTransaction(store, async (tx) => {
    await tx.db
      .insertInto('rate_buckets')
      .values({ key, tokens: fresh.tokens, at: fresh.at })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await dialectOf(tx.dialect)
      .lockRows(tx.db.selectFrom('rate_buckets').select(['tokens', 'at']).where('key', '=', key))
      .executeTakeFirstOrThrow();
    const { state, result } = step({ tokens: Number(row.tokens), at: Number(row.at) });
    await tx.db
      .updateTable('rate_buckets')
      .set({ tokens: state.tokens, at: state.at })
      .where('key', '=', key)
      .execute();
    return result;
  });
}

/** Buckets untouched since `before` are full again: their rows carry nothing and can go. */
export async function pruneBuckets(tx: Tx, before: number): Promise<number> {
  const r = await tx.db.deleteFrom('rate_buckets').where('at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
