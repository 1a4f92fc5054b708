import type { Tx } from './transaction.ts';

/** Attachments, replay segments, user feedback and discarded-item counts sent by Sentry SDKs. */

export interface NewAttachment {
  eventId: string;
  filename: string;
  contentType: string;
  attachmentType: string;
  data: Buffer;
}

export async function saveAttachments(
  tx: Tx,
  projectId: number,
  items: readonly NewAttachment[],
  at: number,
) {
  for (const a of items) {
    await tx.db
      .insertInto('event_attachments')
      .values({
        project_id: projectId,
        event_id: a.eventId,
        filename: a.filename,
        content_type: a.contentType,
        attachment_type: a.attachmentType,
        size: a.data.length,
        data: a.data,
        created_at: at,
      })
      .execute();
  }
}

export function listAttachments(tx: Tx, projectId: number, eventId: string) {
  return tx.db
    .selectFrom('event_attachments')
    .select(['id', 'event_id', 'filename', 'content_type', 'attachment_type', 'size', 'created_at'])
    .where('project_id', '=', projectId)
    .where('event_id', '=', eventId)
    .orderBy('id')
    .execute();
}

export function findAttachment(tx: Tx, projectId: number, id: number) {
  return tx.db
    .selectFrom('event_attachments')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface NewReplaySegment {
  replayId: string;
  kind: 'event' | 'recording';
  segmentId: number;
  payload: Buffer;
}

/** A segment sent twice (an SDK retry) is kept once. */
export async function saveReplaySegments(
  tx: Tx,
  projectId: number,
  items: readonly NewReplaySegment[],
  at: number,
) {
  for (const r of items) {
    await tx.db
      .insertInto('replay_segments')
      .values({
        project_id: projectId,
        replay_id: r.replayId,
        kind: r.kind,
        segment_id: r.segmentId,
        size: r.payload.length,
        payload: r.payload,
        received_at: at,
      })
      .onConflict((oc) => oc.columns(['project_id', 'replay_id', 'kind', 'segment_id']).doNothing())
      .execute();
  }
}

export function listReplaySegments(tx: Tx, projectId: number, replayId: string) {
  return tx.db
    .selectFrom('replay_segments')
    .select(['id', 'kind', 'segment_id', 'size', 'received_at'])
    .where('project_id', '=', projectId)
    .where('replay_id', '=', replayId)
    .orderBy('segment_id')
    .orderBy('kind')
    .execute();
}

export function findReplaySegment(
  tx: Tx,
  projectId: number,
  replayId: string,
  kind: 'event' | 'recording',
  segmentId: number,
) {
  return tx.db
    .selectFrom('replay_segments')
    .select(['payload', 'received_at'])
    .where('project_id', '=', projectId)
    .where('replay_id', '=', replayId)
    .where('kind', '=', kind)
    .where('segment_id', '=', segmentId)
    .executeTakeFirst();
}

export interface NewFeedback {
  eventId: string;
  message: string;
  name?: string | undefined;
  email?: string | undefined;
  url?: string | undefined;
  associatedEventId?: string | undefined;
  replayId?: string | undefined;
}

export async function saveFeedback(tx: Tx, projectId: number, items: readonly NewFeedback[], at: number) {
  for (const f of items) {
    await tx.db
      .insertInto('user_feedback')
      .values({
        project_id: projectId,
        event_id: f.eventId,
        associated_event_id: f.associatedEventId ?? null,
        replay_id: f.replayId ?? null,
        name: f.name ?? null,
        email: f.email ?? null,
        url: f.url ?? null,
        message: f.message,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(['project_id', 'event_id']).doNothing())
      .execute();
  }
}

export function listFeedback(tx: Tx, projectId: number, limit: number) {
  return tx.db
    .selectFrom('user_feedback')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export interface Outcome {
  day: number;
  source: 'client' | 'server';
  category: string;
  reason: string;
  quantity: number;
}

export async function addOutcomes(tx: Tx, projectId: number, outcomes: readonly Outcome[]) {
  for (const o of outcomes) {
    if (o.quantity <= 0) continue;
    await tx.db
      .insertInto('discarded_outcomes')
      .values({ project_id: projectId, ...o })
      .onConflict((oc) =>
        oc
          .columns(['project_id', 'day', 'source', 'category', 'reason'])
          .doUpdateSet((eb) => ({ quantity: eb('discarded_outcomes.quantity', '+', o.quantity) })),
      )
      .execute();
  }
}

export async function sumOutcomes(tx: Tx, projectId: number, sinceDay: number) {
  const rows = await tx.db
    .selectFrom('discarded_outcomes')
    .select((eb) => ['source', 'category', 'reason', eb.fn.sum<number>('quantity').as('quantity')])
    .where('project_id', '=', projectId)
    .where('day', '>=', sinceDay)
    .groupBy(['source', 'category', 'reason'])
    .orderBy('source')
    .orderBy('category')
    .orderBy('reason')
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}
