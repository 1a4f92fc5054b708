import type { Tx } from './transaction.ts';

export async function insertIngestKey(
  tx: Tx,
  k: {
    workspaceId: number;
    projectId: number;
    name: string;
    publicKey: string;
    allowedOrigins: string[];
    ratePerMinute: number;
  },
) {
  return tx.db
    .insertInto('ingest_keys')
    .values({
      workspace_id: k.workspaceId,
      project_id: k.projectId,
      name: k.name,
      public_key: k.publicKey,
      allowed_origins: JSON.stringify(k.allowedOrigins),
      rate_limit_per_minute: k.ratePerMinute,
      created_at: Date.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listIngestKeys(tx: Tx, projectId: number) {
  return tx.db
    .selectFrom('ingest_keys')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute();
}

export async function findIngestKeyById(tx: Tx, projectId: number, id: number) {
  return tx.db
    .selectFrom('ingest_keys')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The ingest path's lookup: an active key with its project. */
export async function findActiveIngestKey(tx: Tx, publicKey: string) {
  return tx.db
    .selectFrom('ingest_keys')
    .selectAll()
    .where('public_key', '=', publicKey)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function updateIngestKey(
  tx: Tx,
  id: number,
  set: { name?: string; allowed_origins?: string; rate_limit_per_minute?: number; revoked_at?: number },
) {
  // An empty PATCH changes nothing; an UPDATE without SET is not SQL (it answered 500).
  if (Object.keys(set).length === 0)
    return tx.db.selectFrom('ingest_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return tx.db
    .updateTable('ingest_keys')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
