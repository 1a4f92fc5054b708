import { emptyEvidence, type SeverityEvidence } from '@closeloop/core/scoring/evidence';
import { activeCounts } from './project-activity-store.ts';
import { assessmentOf, projectScoring } from './severity-store.ts';
import type { Tx } from './transaction.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** "Active" users and sessions of a project: seen in the last week. */
export const ACTIVE_WINDOW_MS = 7 * DAY;
const THUMBS_UP = ['👍', '👍🏻', '👍🏼', '👍🏽', '👍🏾', '👍🏿', '+1'];
const CLOSED = ['done', 'cancelled'];

/** Everything the severity score reads about one issue, in a handful of queries; null if it is gone. */
export async function gatherEvidence(
  tx: Tx,
  issueId: number,
  now: number,
): Promise<
  | (SeverityEvidence & { projectId: number; groupIds: number[]; totals: { users: number; events: number } })
  | null
> {
  const issue = await tx.db
    .selectFrom('issues as i')
    .leftJoin('milestones as m', 'm.id', 'i.milestone_id')
    .select([
      'i.id',
      'i.project_id',
      'i.kind',
      'i.type',
      'i.due_date',
      'i.reporter_id',
      'm.target_date',
      'm.name as milestone_name',
      'm.state as milestone_state',
    ])
    .where('i.id', '=', issueId)
    .executeTakeFirst();
  if (!issue) return null;
  const e: SeverityEvidence = {
    ...emptyEvidence(now),
    kind: issue.kind,
    type: issue.type,
    dueDate: issue.due_date,
    milestoneDue: issue.milestone_state === 'open' ? issue.target_date : null,
    milestoneName: issue.milestone_name,
  };
  const scoring = await projectScoring(tx, issue.project_id);
  e.criticalPatterns = JSON.parse(scoring.critical) as string[];
  const labels = await tx.db
    .selectFrom('issue_labels as il')
    .innerJoin('labels as l', 'l.id', 'il.label_id')
    .select('l.name')
    .where('il.issue_id', '=', issueId)
    .execute();
  const places = labels.map((l) => l.name);

  const groups = await tx.db
    .selectFrom('event_groups')
    .select([
      'id',
      'culprit',
      'first_seen',
      'regressed_at',
      'last_release',
      'event_count',
      'user_count',
      'session_count',
    ])
    .where('issue_id', '=', issueId)
    .execute();
  const totals = { users: 0, events: 0 };
  if (groups.length > 0) {
    const ids = groups.map((g) => g.id);
    for (const g of groups) {
      e.users += g.user_count;
      e.sessions += g.session_count;
      totals.events += g.event_count;
      if (g.culprit) places.push(g.culprit);
      e.firstSeen = Math.min(e.firstSeen ?? Infinity, g.first_seen);
      if (g.regressed_at !== null) e.regressedAt = Math.max(e.regressedAt ?? 0, g.regressed_at);
    }
    totals.users = e.users;
    const [hourly, sample, facets, active, frustrated] = await Promise.all([
      tx.db
        .selectFrom('group_hourly')
        .select(['hour', (eb) => eb.fn.sum<number>('count').as('count')])
        .where('group_id', 'in', ids)
        .where('hour', '>=', now - 30 * HOUR)
        .groupBy('hour')
        .execute(),
      tx.db
        .selectFrom('group_samples')
        .select('payload')
        .where('group_id', 'in', ids)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst(),
      tx.db
        .selectFrom('group_facets')
        .select('value')
        .where('group_id', 'in', ids)
        .where('facet', 'in', ['route', 'url'])
        .orderBy('count', 'desc')
        .limit(10)
        .execute(),
      activeCounts(tx, issue.project_id, now - ACTIVE_WINDOW_MS),
      frustratedSessions(tx, issue.project_id, issueId, ids),
    ]);
    e.hourly = hourly.map((h) => ({ hour: Number(h.hour), count: Number(h.count) }));
    e.projectUsers = active.users;
    e.projectSessions = active.sessions;
    e.frustratedSessions = frustrated;
    places.push(...facets.map((f) => f.value));
    if (sample) {
      try {
        const ev = JSON.parse(sample.payload) as {
          level?: string;
          type?: string;
          route?: string;
          url?: string;
          exception?: { mechanism?: { handled?: boolean } };
        };
        e.level = ev.level ?? null;
        e.eventType = ev.type ?? null;
        e.unhandled = ev.exception?.mechanism?.handled === false;
        if (ev.route) places.push(ev.route);
        if (ev.url) places.push(ev.url);
      } catch {
        // a sample is stored as validated JSON; an unreadable one only loses the level
      }
    }
    const lastRelease = groups.map((g) => g.last_release).find((r) => r !== null);
    if (lastRelease) {
      const rel = await tx.db
        .selectFrom('project_releases')
        .select('first_seen')
        .where('project_id', '=', issue.project_id)
        .where('release', '=', lastRelease)
        .executeTakeFirst();
      e.releaseFirstSeen = rel ? Number(rel.first_seen) : null;
    }
  }
  e.places = places;

  const [assessment, blocks, duplicateReporters, plusOnes] = await Promise.all([
    assessmentOf(tx, issueId),
    tx.db
      .selectFrom('issue_links as l')
      .innerJoin('issues as t', 't.id', 'l.target_id')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('l.source_id', '=', issueId)
      .where('l.type', '=', 'blocks')
      .where('t.status_category', 'not in', CLOSED)
      .executeTakeFirst(),
    tx.db
      .selectFrom('issue_links as l')
      .innerJoin('issues as d', 'd.id', 'l.source_id')
      .select('d.reporter_id')
      .distinct()
      .where('l.target_id', '=', issueId)
      .where('l.type', '=', 'duplicates')
      .where('d.reporter_id', 'is not', null)
      .execute(),
    tx.db
      .selectFrom('comment_reactions as r')
      .innerJoin('comments as c', 'c.id', 'r.comment_id')
      .select(({ fn }) => fn.count<number>('r.user_id').distinct().as('n'))
      .where('c.issue_id', '=', issueId)
      .where('r.emoji', 'in', THUMBS_UP)
      .executeTakeFirst(),
  ]);
  e.impact = assessment?.impact ?? null;
  e.likelihood = assessment?.likelihood ?? null;
  e.blocks = Number(blocks?.n ?? 0);
  const reporters = new Set(duplicateReporters.map((r) => r.reporter_id));
  if (issue.reporter_id !== null) reporters.add(issue.reporter_id);
  e.reporters = reporters.size;
  e.plusOnes = Number(plusOnes?.n ?? 0);
  return { ...e, projectId: issue.project_id, groupIds: groups.map((g) => g.id), totals };
}

/**
 * Sessions of this issue in which the project's frustration detector also fired: a frustration
 * issue in the same session, or rage/dead clicks that ran into this issue (frustration_evidence).
 */
async function frustratedSessions(tx: Tx, projectId: number, issueId: number, groupIds: number[]) {
  const r = await tx.db
    .selectFrom('group_sessions as gs')
    .select(({ fn }) => fn.count<number>('gs.session_id').distinct().as('n'))
    .where('gs.group_id', 'in', groupIds)
    .where(({ exists, or, selectFrom }) =>
      or([
        exists(
          selectFrom('group_sessions as f')
            .innerJoin('event_groups as fg', 'fg.id', 'f.group_id')
            .select('f.group_id')
            .whereRef('f.session_id', '=', 'gs.session_id')
            .where('fg.project_id', '=', projectId)
            .where('fg.kind', '=', 'frustration')
            .where('fg.issue_id', '<>', issueId),
        ),
        exists(
          selectFrom('frustration_evidence as fe')
            .select('fe.id')
            .whereRef('fe.session_id', '=', 'gs.session_id')
            .where('fe.group_id', 'in', groupIds),
        ),
      ]),
    )
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
