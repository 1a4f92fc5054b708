import { assertCan } from '@closeloop/core/permissions/permissions';
import type { DeadEventList } from '@closeloop/shared/api/dead-events';
import { NotFound } from '@closeloop/shared/errors';
import type { Store } from '../store/db.ts';
import * as dead from '../store/dead-events-store.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';

const PAGE = 100;
const PREVIEW = 600;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The project's set-aside events, newest first (ingest/dead-letter.ts sets them aside). */
export async function listDeadEvents(store: Store, actor: Actor, projectKey: string): Promise<DeadEventList> {
  assertCan(actor.role, 'dead-event.manage');
  const project = await requireProject(store, actor.workspaceId, projectKey);
  const [rows, total] = await Promise.all([
    dead.listDeadEvents(store, project.id, PAGE),
    dead.countDeadEvents(store, project.id),
  ]);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      error: r.error,
      attempts: r.attempts,
      failedAt: iso(r.failed_at)!,
      receivedAt: iso(r.received_at),
      retryRequestedAt: iso(r.retry_requested_at),
      payloadPreview: (r.payload ?? '').slice(0, PREVIEW),
    })),
  };
}

/** Asks the grouping worker to fold the event again; it leaves the list once that succeeds. */
export async function retryDeadEvent(store: Store, actor: Actor, projectKey: string, id: number) {
  assertCan(actor.role, 'dead-event.manage');
  const project = await requireProject(store, actor.workspaceId, projectKey);
  if (!(await dead.requestRetry(store, project.id, id, Date.now())))
    throw new NotFound(`Set-aside event ${id}`);
}

/** Drops the event from the list; it stays in the raw log, never grouped. */
export async function discardDeadEvent(store: Store, actor: Actor, projectKey: string, id: number) {
  assertCan(actor.role, 'dead-event.manage');
  const project = await requireProject(store, actor.workspaceId, projectKey);
  if (!(await dead.discardDeadEvent(store, project.id, id))) throw new NotFound(`Set-aside event ${id}`);
}
