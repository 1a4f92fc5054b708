import type { Insertable, Selectable, Updateable } from 'kysely';
import type { WebhookDeliveryTable, WebhookEndpointTable } from './tables-webhooks.ts';
import type { Tx } from './transaction.ts';

export type EndpointRow = Selectable<WebhookEndpointTable>;
export type DeliveryRow = Selectable<WebhookDeliveryTable>;

export async function insertEndpoint(tx: Tx, row: Insertable<WebhookEndpointTable>): Promise<number> {
  const r = await tx.db.insertInto('webhook_endpoints').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateEndpoint(tx: Tx, id: number, set: Updateable<WebhookEndpointTable>) {
  await tx.db.updateTable('webhook_endpoints').set(set).where('id', '=', id).execute();
}

export async function deleteEndpoint(tx: Tx, id: number) {
  await tx.db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
}

export async function findEndpoint(tx: Tx, workspaceId: number, id: number) {
  return tx.db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listEndpoints(tx: Tx, workspaceId: number) {
  return tx.db
    .selectFrom('webhook_endpoints as e')
    .leftJoin('projects as p', 'p.id', 'e.project_id')
    .selectAll('e')
    .select('p.key as project_key')
    .where('e.workspace_id', '=', workspaceId)
    .orderBy('e.id')
    .execute();
}

/** Enabled endpoints that hear about a project's issues: its own and the workspace-wide ones. */
export async function endpointsForProject(tx: Tx, workspaceId: number, projectId: number | null) {
  return tx.db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('enabled', '=', 1)
    .where((w) =>
      projectId === null
        ? w('project_id', 'is', null)
        : w.or([w('project_id', 'is', null), w('project_id', '=', projectId)]),
    )
    .orderBy('id')
    .execute();
}

export async function insertDelivery(tx: Tx, row: Insertable<WebhookDeliveryTable>): Promise<number> {
  const r = await tx.db
    .insertInto('webhook_deliveries')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findDelivery(tx: Tx, id: number) {
  return tx.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDelivery(tx: Tx, id: number, set: Updateable<WebhookDeliveryTable>) {
  await tx.db.updateTable('webhook_deliveries').set(set).where('id', '=', id).execute();
}

/** Newest first; the delivery log of one endpoint. */
export async function listDeliveries(tx: Tx, endpointId: number, limit: number) {
  return tx.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Deliveries still waiting to be sent; capped per endpoint so a dead receiver cannot grow the queue forever. */
export async function backlogOf(tx: Tx, endpointId: number): Promise<number> {
  const r = await tx.db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('endpoint_id', '=', endpointId)
    .where('state', 'in', ['pending', 'retrying'])
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
