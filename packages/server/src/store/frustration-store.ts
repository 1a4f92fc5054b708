import type { FrustrationEvidenceTable, FrustrationHoldTable } from './tables-frustration.ts';
import type { Tx } from './transaction.ts';

/**
 * Frustration joined to its cause (migration 0110, docs/grouping.md): held clicks, remembered
 * session failures and the evidence rows on failure groups. Written only by the grouping worker.
 */

const CHUNK = 200; // rows per multi-row insert: well under both dialects' bound-parameter limits

export type HoldRow = Omit<FrustrationHoldTable, 'id'>;
export type HeldClick = FrustrationHoldTable;
export type EvidenceRow = Omit<FrustrationEvidenceTable, 'id'>;
export interface FailureRow {
  projectId: number;
  sessionId: string;
  at: number;
  groupId: number;
  eventId: string;
  receivedAt: number;
}

export async function holdClicks(tx: Tx, rows: readonly HoldRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.db
      .insertInto('frustration_holds')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.column('raw_event_id').doNothing())
      .execute();
  }
}

/** Held clicks of these sessions of one project. */
export async function heldInSessions(tx: Tx, projectId: number, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return tx.db
    .selectFrom('frustration_holds')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('session_id', 'in', sessionIds)
    .execute();
}

/** Held clicks whose time is up, oldest first. */
export async function dueHolds(tx: Tx, now: number, limit: number) {
  return tx.db
    .selectFrom('frustration_holds')
    .selectAll()
    .where('release_at', '<=', now)
    .orderBy('release_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function anyHoldDue(tx: Tx, now: number): Promise<boolean> {
  const r = await tx.db
    .selectFrom('frustration_holds')
    .select('id')
    .where('release_at', '<=', now)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function dropHolds(tx: Tx, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await tx.db
      .deleteFrom('frustration_holds')
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
  }
}

export async function rememberFailures(tx: Tx, rows: readonly FailureRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.db
      .insertInto('session_failures')
      .values(
        rows.slice(i, i + CHUNK).map((f) => ({
          project_id: f.projectId,
          session_id: f.sessionId,
          at: f.at,
          group_id: f.groupId,
          event_id: f.eventId,
          received_at: f.receivedAt,
        })),
      )
      .execute();
  }
}

/** Remembered failures of these sessions of one project between `from` and `to` (client times). */
export async function failuresInSessions(
  tx: Tx,
  projectId: number,
  sessionIds: readonly string[],
  from: number,
  to: number,
): Promise<FailureRow[]> {
  if (sessionIds.length === 0) return [];
  const rows = await tx.db
    .selectFrom('session_failures')
    .select(['session_id', 'at', 'group_id', 'event_id', 'received_at'])
    .where('project_id', '=', projectId)
    .where('session_id', 'in', sessionIds)
    .where('at', '>=', from)
    .where('at', '<=', to)
    .execute();
  return rows.map((r) => ({
    projectId,
    sessionId: r.session_id,
    at: Number(r.at),
    groupId: r.group_id,
    eventId: r.event_id,
    receivedAt: Number(r.received_at),
  }));
}

/** Forgets failures received before `before` (FAILURE_MEMORY_MS ago). */
export async function forgetFailures(tx: Tx, before: number): Promise<void> {
  await tx.db.deleteFrom('session_failures').where('received_at', '<', before).execute();
}

export async function attachEvidence(tx: Tx, rows: readonly EvidenceRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.db
      .insertInto('frustration_evidence')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['project_id', 'event_id']).doNothing())
      .execute();
  }
}

/** The issues of these groups (evidence makes their severity stale). */
export async function issuesOfGroups(tx: Tx, groupIds: readonly number[]): Promise<number[]> {
  if (groupIds.length === 0) return [];
  const rows = await tx.db
    .selectFrom('event_groups')
    .select('issue_id')
    .where('id', 'in', groupIds)
    .execute();
  return [...new Set(rows.map((r) => r.issue_id))];
}

/** Evidence on these groups counted per click type and element: the lines of the issue page's summary. */
export async function evidenceCounts(tx: Tx, groupIds: readonly number[]) {
  if (groupIds.length === 0) return [];
  const rows = await tx.db
    .selectFrom('frustration_evidence')
    .select(({ fn }) => [
      'type',
      'selector',
      fn.max('click_text').as('text'),
      fn.countAll<number>().as('events'),
      fn.count<number>('session_id').distinct().as('sessions'),
      fn.max('started_at').as('latest'),
    ])
    .where('group_id', 'in', groupIds)
    .groupBy(['type', 'selector'])
    .orderBy('events', 'desc')
    .orderBy('latest', 'desc')
    .limit(20)
    .execute();
  return rows.map((r) => ({
    type: r.type,
    selector: r.selector,
    text: r.text ?? null,
    events: Number(r.events),
    sessions: Number(r.sessions),
  }));
}

/** The newest evidence rows on these groups. */
export async function latestEvidence(tx: Tx, groupIds: readonly number[], limit: number) {
  if (groupIds.length === 0) return [];
  return tx.db
    .selectFrom('frustration_evidence')
    .selectAll()
    .where('group_id', 'in', groupIds)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
