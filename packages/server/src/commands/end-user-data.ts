import { createHash } from 'node:crypto';
import { assertCan } from '@closeloop/core/permissions/permissions';
import {
  type EndUserRef,
  endUserKeys,
  endUserNeedle,
  eventNamesUser,
} from '@closeloop/core/privacy/end-user';
import { storableJsonText } from '@closeloop/shared/storable-text';
import type { Services } from '../services.ts';
import { dialectOf } from '../store/dialect/store-dialect.ts';
import {
  deleteEndUserRows,
  rawEventCandidates,
  replaySessionIds,
  reportsOf,
  sampleCandidates,
  sessionIdsOf,
} from '../store/end-user-data-store.ts';
import { deleteReplaySessionRows } from '../store/replay-sessions-store.ts';
import { inTransaction } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { requireProject } from './projects.ts';

function names(payload: string, ref: EndUserRef): boolean {
  try {
    return eventNamesUser(JSON.parse(storableJsonText(payload)), ref);
  } catch {
    return false;
  }
}

function sessionOf(payload: string): string | null {
  try {
    const s = (JSON.parse(storableJsonText(payload)) as { session_id?: unknown }).session_id;
    return typeof s === 'string' && s ? s : null;
  } catch {
    return null;
  }
}

/**
 * Deletes what a project stored about one end user, on their request (issue 15, privacy): their
 * events, sessions, replays and user reports. Issues stay (they are the team's work), with their
 * counts as they were. The audit entry names the person only by a hash prefix, so the log itself
 * does not keep what was asked to be forgotten.
 */
export async function deleteEndUserData(svc: Services, actor: Actor, projectKey: string, ref: EndUserRef) {
  assertCan(actor.role, 'project.manage');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  const keys = endUserKeys(ref);
  const email = 'email' in ref ? ref.email.trim().toLowerCase() : null;
  const needle = endUserNeedle(ref);
  const raw = (await rawEventCandidates(svc.store, project.id, needle)).filter((r) => names(r.payload, ref));
  const samples = (await sampleCandidates(svc.store, project.id, needle)).filter((r) =>
    names(r.payload, ref),
  );
  const eventIds = [...new Set([...raw, ...samples].map((r) => r.event_id))];
  const sessionIds = [
    ...new Set([
      ...[...raw, ...samples].flatMap((r) => sessionOf(r.payload) ?? []),
      ...(await sessionIdsOf(svc.store, project.id, keys, email)),
    ]),
  ];
  const replays = await replaySessionIds(svc.store, project.id, sessionIds, keys);
  const reports = await reportsOf(svc.store, project.id, keys, email);
  // Recording bytes first (they may live outside the database), then the rows, as retention does.
  await svc.replays.deleteSessions(project.id, replays);
  const erase = () =>
    inTransaction(svc.store, async (tx) => {
      await deleteReplaySessionRows(tx, project.id, replays);
      const deleted = await deleteEndUserRows(tx, {
        projectId: project.id,
        rawIds: raw.map((r) => r.id),
        sampleIds: samples.map((r) => r.id),
        eventIds,
        sessionIds,
        reportIds: reports.map((r) => r.id),
        keys,
        email,
      });
      const result = {
        events: eventIds.length,
        sessions: deleted.sessions,
        replays: replays.length,
        reports: deleted.reports,
      };
      await audit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.userId,
        action: 'end_user.data_deleted',
        target: `${project.key}: end user ${createHash('sha256').update(keys[0]!).digest('hex').slice(0, 12)}`,
        details: { ...result, by: 'userId' in ref ? 'user id' : 'email' },
      });
      return result;
    });
  return dialectOf(svc.store.dialect).eraseDurably(svc.store.db, erase);
}
