import { randomBytes } from 'node:crypto';
import { assertCan } from '@closeloop/core/permissions/permissions';
import { NotFound } from '@closeloop/shared/errors';
import type { Store } from '../store/db.ts';
import * as keys from '../store/ingest-keys-store.ts';
import type { IngestKeyTable } from '../store/tables-ingest.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { requireProject } from './projects.ts';

type KeyRow = Omit<IngestKeyTable, 'id'> & { id: number };

/**
 * A key is public by design (it ships inside web pages): it can only write events to its project.
 * Hex only, because Sentry's SDKs accept nothing but [A-Za-z0-9_] in a DSN's key.
 */
export function presentIngestKey(publicUrl: string, row: KeyRow, projectKey: string) {
  const u = new URL(publicUrl);
  return {
    id: row.id,
    name: row.name,
    projectKey,
    publicKey: row.public_key,
    dsn: `${u.protocol}//${row.public_key}@${u.host}/${row.project_id}`,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    rateLimitPerMinute: row.rate_limit_per_minute,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
  };
}

export async function createIngestKey(
  store: Store,
  actor: Actor,
  projectKey: string,
  input: { name: string; allowedOrigins: string[]; rateLimitPerMinute: number },
) {
  assertCan(actor.role, 'ingest-key.manage');
  const project = await requireProject(store, actor.workspaceId, projectKey);
  const row = await keys.insertIngestKey(store, {
    workspaceId: actor.workspaceId,
    projectId: project.id,
    name: input.name,
    publicKey: randomBytes(16).toString('hex'),
    allowedOrigins: input.allowedOrigins,
    ratePerMinute: input.rateLimitPerMinute,
  });
  await audit(store, {
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: 'ingest_key.created',
    target: `${project.key}: ${input.name}`,
  });
  return { row, project };
}

export async function listIngestKeys(store: Store, actor: Actor, projectKey: string) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(store, actor.workspaceId, projectKey);
  return { rows: await keys.listIngestKeys(store, project.id), project };
}

export async function updateIngestKey(
  store: Store,
  actor: Actor,
  projectKey: string,
  id: number,
  input: {
    name?: string | undefined;
    allowedOrigins?: string[] | undefined;
    rateLimitPerMinute?: number | undefined;
    revoked?: boolean | undefined;
  },
) {
  assertCan(actor.role, 'ingest-key.manage');
  const project = await requireProject(store, actor.workspaceId, projectKey);
  const existing = await keys.findIngestKeyById(store, project.id, id);
  if (!existing) throw new NotFound('Ingest key');
  const row = await keys.updateIngestKey(store, id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.allowedOrigins !== undefined ? { allowed_origins: JSON.stringify(input.allowedOrigins) } : {}),
    ...(input.rateLimitPerMinute !== undefined ? { rate_limit_per_minute: input.rateLimitPerMinute } : {}),
    ...(input.revoked ? { revoked_at: existing.revoked_at ?? Date.now() } : {}),
  });
  await audit(store, {
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: input.revoked && existing.revoked_at === null ? 'ingest_key.revoked' : 'ingest_key.changed',
    target: `${project.key}: ${row.name}`,
    details: Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
  });
  return { row, project };
}
