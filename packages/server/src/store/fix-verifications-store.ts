import { countsFromAggregate } from '@closeloop/core/release-health/release-health';
import { aggregateSums } from './release-health-store.ts';
import type { FixVerificationTable } from './tables-closure.ts';
import type { Tx } from './transaction.ts';

export type FixVerificationRow = FixVerificationTable;

/** Closing again replaces the issue's previous resolution mode and verdict. */
export async function putFixVerification(tx: Tx, row: FixVerificationRow): Promise<void> {
  await tx.db.deleteFrom('fix_verifications').where('issue_id', '=', row.issue_id).execute();
  await tx.db.insertInto('fix_verifications').values(row).execute();
}

export async function findFixVerification(tx: Tx, issueId: number) {
  return tx.db.selectFrom('fix_verifications').selectAll().where('issue_id', '=', issueId).executeTakeFirst();
}

/** Fixes the worker still has to decide on (stalled ones keep being looked at: traffic may come). */
export async function undecidedFixVerifications(tx: Tx) {
  return tx.db
    .selectFrom('fix_verifications')
    .selectAll()
    .where('state', 'in', ['awaiting_release', 'awaiting_verification', 'stalled'])
    .orderBy('issue_id')
    .execute();
}

export async function recordVerdict(
  tx: Tx,
  issueId: number,
  v: Pick<FixVerificationRow, 'fix_release' | 'state' | 'evidence' | 'checked_at'>,
): Promise<void> {
  await tx.db.updateTable('fix_verifications').set(v).where('issue_id', '=', issueId).execute();
}

export async function dropFixVerification(tx: Tx, issueId: number): Promise<void> {
  await tx.db.deleteFrom('fix_verifications').where('issue_id', '=', issueId).execute();
}

/**
 * Releases of a project with when they were first seen and their sessions (single and aggregated).
 * A release known only from sessions (no event yet — a fixed one may never send any) counts as
 * first seen when its first session started (to the minute, as aggregates are bucketed).
 */
export async function releasesWithSessions(tx: Tx, projectId: number) {
  const [seen, single, buckets] = await Promise.all([
    tx.db
      .selectFrom('project_releases')
      .select(['release', 'first_seen'])
      .where('project_id', '=', projectId)
      .execute(),
    tx.db
      .selectFrom('release_sessions')
      .select(['release', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('started').as('from')])
      .where('project_id', '=', projectId)
      .groupBy('release')
      .execute(),
    tx.db
      .selectFrom('release_session_buckets')
      .select((eb) => ['release', eb.fn.min('started').as('from'), ...aggregateSums(eb)])
      .where('project_id', '=', projectId)
      .groupBy('release')
      .execute(),
  ]);
  const sessions = new Map<string, number>();
  const firstSeen = new Map(seen.map((r) => [r.release, Number(r.first_seen)]));
  const seenInEvents = new Set(firstSeen.keys());
  const add = (r: string, n: number, from: unknown) => {
    sessions.set(r, (sessions.get(r) ?? 0) + n);
    const at = Number(from);
    if (!seenInEvents.has(r) && !Number.isNaN(at) && at < (firstSeen.get(r) ?? Number.POSITIVE_INFINITY))
      firstSeen.set(r, at);
  };
  for (const s of single) add(s.release, Number(s.n), s.from);
  for (const b of buckets) {
    const n = (x: unknown) => Number(x ?? 0);
    const c = { exited: n(b.exited), errored: n(b.errored), unhandled: n(b.unhandled) };
    add(
      b.release,
      countsFromAggregate({ ...c, abnormal: n(b.abnormal), crashed: n(b.crashed) }).sessions,
      b.from,
    );
  }
  return [...firstSeen.entries()].map(([release, at]) => ({
    release,
    firstSeen: at,
    sessions: sessions.get(release) ?? 0,
  }));
}

/** Fixes of a project still waiting to learn which release ships their commit. */
export async function fixesWaitingForCommit(tx: Tx, projectId: number) {
  return tx.db
    .selectFrom('fix_verifications')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('fix_commit', 'is not', null)
    .where('fix_release', 'is', null)
    .execute();
}
