import type { IssueImpact } from '@closeloop/shared/api/issues';
import { sql } from 'kysely';
import { impactAggregate } from './query/compile-query.ts';
import type { Tx } from './transaction.ts';

const HOUR_MS = 3_600_000;
/** The list's trend sparkline: events per hour over the last day. */
export const TREND_HOURS = 24;

/**
 * What the machine-found issues of one list page add up to over their event groups (users and
 * sessions distinct across merged groups, as on the issue page): counts,
 * first/last seen, a 24-hour trend, and for performance issues the metric and its p75. Three
 * grouped queries for the whole page, never one per row; manual issues get no entry.
 */
export async function impactOfIssues(
  tx: Tx,
  issueIds: readonly number[],
  now = Date.now(),
): Promise<Map<number, IssueImpact>> {
  const out = new Map<number, IssueImpact>();
  if (issueIds.length === 0) return out;
  const ids = [...issueIds];
  const totals = await tx.db
    .selectFrom('event_groups as g')
    .select([
      'g.issue_id',
      // The same figures that `users:>N` and `sort:users` compare (distinct users across merged groups).
      impactAggregate('events').as('events'),
      impactAggregate('users').as('users'),
      impactAggregate('sessions').as('sessions'),
      impactAggregate('firstseen').as('first_seen'),
      impactAggregate('lastseen').as('last_seen'),
    ])
    .where('g.issue_id', 'in', ids)
    .groupBy('g.issue_id')
    .execute();
  if (totals.length === 0) return out;
  const since = Math.floor(now / HOUR_MS) * HOUR_MS - (TREND_HOURS - 1) * HOUR_MS;
  const hourly = await tx.db
    .selectFrom('group_hourly as h')
    .innerJoin('event_groups as g', 'g.id', 'h.group_id')
    .select(['g.issue_id', 'h.hour', sql<number>`SUM(h.count)`.as('count')])
    .where('g.issue_id', 'in', ids)
    .where('h.hour', '>=', since)
    .groupBy(['g.issue_id', 'h.hour'])
    .execute();
  const perf = await tx.db
    .selectFrom('perf_issues as p')
    .innerJoin('event_groups as g', 'g.id', 'p.group_id')
    .select(['g.issue_id', 'p.metric', 'p.target', 'p.p75'])
    .where('g.issue_id', 'in', ids)
    .execute();
  for (const t of totals)
    out.set(t.issue_id, {
      events: Number(t.events),
      users: Number(t.users),
      sessions: Number(t.sessions),
      firstSeen: new Date(Number(t.first_seen)).toISOString(),
      lastSeen: new Date(Number(t.last_seen)).toISOString(),
      trend: Array.from({ length: TREND_HOURS }, () => 0),
      performance: null,
    });
  for (const h of hourly) {
    const slot = Math.round((Number(h.hour) - since) / HOUR_MS);
    const impact = out.get(h.issue_id);
    if (impact && slot >= 0 && slot < TREND_HOURS) impact.trend[slot] = Number(h.count);
  }
  for (const p of perf) {
    const impact = out.get(p.issue_id);
    if (impact) impact.performance = { metric: p.metric, target: p.target, p75: Number(p.p75) };
  }
  return out;
}
