import { randomUUID } from 'node:crypto';
import { webhookBody } from '@closeloop/core/webhooks/chat-messages';
import { endpointWants, type WebhookEvent } from '@closeloop/core/webhooks/webhook-event';
import { Invalid } from '@closeloop/shared/errors';
import type { Change } from '../live/change-bus.ts';
import { issueLink } from '../mail/notification-mail.ts';
import type { Services } from '../services.ts';
import { userNames } from '../store/assignment-store.ts';
import { findComment } from '../store/comments-store.ts';
import { findIssue } from '../store/issues-store.ts';
import { enqueueJob } from '../store/jobs-store.ts';
import { findProjectByKey } from '../store/projects-store.ts';
import { findTeam } from '../store/teams-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import { backlogOf, endpointsForProject, findEndpoint, insertDelivery } from '../store/webhooks-store.ts';

export const DELIVER_KIND = 'webhook.deliver';

/** Jobs of one endpoint about one issue run one at a time, in the order their events happened. */
export const deliveryOrderingKey = (endpointId: number, issueId: number | null) =>
  `webhook:${endpointId}:${issueId ?? '-'}`;

async function buildEvent(
  svc: Services,
  tx: Tx,
  change: Change,
): Promise<{ event: WebhookEvent; projectId: number | null }> {
  const ws = change.workspaceId;
  const projectKey = change.issueKey.split('-')[0] ?? '';
  const project = await findProjectByKey(tx, ws, projectKey);
  const issue = change.type === 'issue.deleted' ? undefined : await findIssue(tx, ws, { id: change.issueId });
  const names = await userNames(
    tx,
    [change.actorId, issue?.assigneeUserId].filter((id): id is number => typeof id === 'number'),
  );
  const team = issue?.assigneeTeamId ? await findTeam(tx, ws, issue.assigneeTeamId) : undefined;
  const comment =
    change.commentId !== undefined && change.type !== 'comment.deleted'
      ? await findComment(tx, ws, change.commentId)
      : undefined;
  const event: WebhookEvent = {
    id: randomUUID(),
    type: change.type,
    occurredAt: new Date(change.at).toISOString(),
    project: project ? { key: project.key } : null,
    actor:
      change.actorId === null ? null : { id: change.actorId, name: names.get(change.actorId) ?? 'someone' },
    origin: change.origin ?? 'person',
    ...(change.fields ? { fields: change.fields } : {}),
    issueKey: change.issueKey,
    issue: issue
      ? {
          key: issue.key,
          title: issue.title,
          url: issueLink(svc.config.publicUrl, issue.key),
          type: issue.type,
          status: issue.status,
          priority: issue.priority,
          assignee: issue.assigneeUserId === null ? null : (names.get(issue.assigneeUserId) ?? null),
          team: team?.name ?? null,
          labels: issue.labels,
        }
      : null,
    ...(comment ? { comment: { id: comment.id, excerpt: comment.body.slice(0, 300) } } : {}),
    ...(change.sla ? { sla: change.sla } : {}),
  };
  return { event, projectId: project?.id ?? null };
}

/**
 * One delivery row and one `webhook.deliver` job per endpoint that wants this change, in one
 * transaction; the body is built now so retries and redeliveries send what was true then. An
 * endpoint whose backlog is full gets a `dropped` row instead, so the log shows the gap.
 */
export async function fanOutChange(svc: Services, change: Change, now = Date.now()): Promise<number> {
  return inTransaction(svc.store, async (tx) => {
    const projectKey = change.issueKey.split('-')[0] ?? '';
    const project = await findProjectByKey(tx, change.workspaceId, projectKey);
    const endpoints = (await endpointsForProject(tx, change.workspaceId, project?.id ?? null)).filter((e) =>
      endpointWants(JSON.parse(e.events) as string[], change.type),
    );
    if (endpoints.length === 0) return 0;
    const { event } = await buildEvent(svc, tx, change);
    for (const e of endpoints) await queueDelivery(svc, tx, e, change, event, now);
    return endpoints.length;
  });
}

/** One delivery row for one endpoint and its job (or a `dropped` row when the endpoint's backlog is full). */
async function queueDelivery(
  svc: Services,
  tx: Tx,
  e: { id: number; format: string },
  change: Change,
  event: WebhookEvent,
  now: number,
): Promise<void> {
  const full = (await backlogOf(tx, e.id)) >= svc.config.WEBHOOK_BACKLOG_CAP;
  const deliveryId = await insertDelivery(tx, {
    workspace_id: change.workspaceId,
    endpoint_id: e.id,
    event_type: event.type,
    event_id: event.id,
    issue_id: change.issueId,
    issue_key: change.issueKey,
    request_body: JSON.stringify(webhookBody(e.format as never, event)),
    request_headers: null,
    state: full ? 'dropped' : 'pending',
    attempts: 0,
    response_status: null,
    response_body: null,
    error: full ? `backlog of ${svc.config.WEBHOOK_BACKLOG_CAP} deliveries is full` : null,
    duration_ms: null,
    created_at: now,
    last_attempt_at: null,
  });
  if (!full) await enqueueDelivery(svc, tx, deliveryId, e.id, change.issueId, now);
}

/**
 * An automation rule's send-webhook action: the change that fired the rule goes to one chosen
 * endpoint of the workspace, whatever events that endpoint subscribes to. Invalid when the endpoint is gone.
 */
export async function sendChangeToEndpoint(svc: Services, endpointId: number, change: Change): Promise<void> {
  await inTransaction(svc.store, async (tx) => {
    const e = await findEndpoint(tx, change.workspaceId, endpointId);
    if (!e) throw new Invalid(`Webhook #${endpointId} no longer exists`);
    const { event } = await buildEvent(svc, tx, change);
    await queueDelivery(svc, tx, e, change, event, Date.now());
  });
}

export function enqueueDelivery(
  svc: Services,
  tx: Tx,
  deliveryId: number,
  endpointId: number,
  issueId: number | null,
  now: number,
) {
  return enqueueJob(
    tx,
    {
      kind: DELIVER_KIND,
      payload: { deliveryId },
      orderingKey: deliveryOrderingKey(endpointId, issueId),
      maxAttempts: svc.config.WEBHOOK_MAX_ATTEMPTS,
    },
    now,
  );
}
