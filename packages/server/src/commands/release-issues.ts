import {
  compareReleases,
  type ReleaseSignal,
  verificationVerdict,
} from '@closeloop/core/closure/verification';
import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import { countsFromAggregate } from '@closeloop/core/release-health/release-health';
import type { ReleaseIssues } from '@closeloop/shared/api/release-issues';
import type { Services } from '../services.ts';
import {
  releaseEventCounts,
  releaseGroupsOfProject,
  releaseSessionsPerDay,
  tiedFixVerifications,
} from '../store/release-issues-store.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';
import { listReleases } from './sentry-data.ts';

type Entry = ReleaseIssues['items'][number];

/** The adoption chart's span: the last 30 UTC days, the same days for every release. */
export const ADOPTION_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The releases page: per release (newest first, semver order where releases are semver), the
 * issues it brought (first seen in it), brought back (regressed in it) and fixed (closed as fixed;
 * listed under the first release after the last one that showed the problem, or under that one
 * while no newer release exists), each fix with its verification verdict from core/closure:
 * events per session before the fixing release against it and later ones. A fix the verification
 * worker has tied to a release (resolution mode, or the release shipping its `Fixes` commit) is
 * listed under that release with the worker's stored verdict instead, so both pages agree.
 * Each release also carries its adoption: sessions per day over the last ADOPTION_DAYS.
 */
export async function releaseIssues(svc: Services, actor: Actor, projectKey: string, now = Date.now()) {
  const health = await listReleases(svc, actor, projectKey);
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  const groups = await releaseGroupsOfProject(svc.store, project.id);
  const tied = await tiedFixVerifications(svc.store, project.id);
  const adoption = await adoptionOf(svc, project.id, now);
  const counts = await releaseEventCounts(
    svc.store,
    groups.map((g) => g.group_id),
  );
  const releases = health.items.map((r) => ({
    release: r.release,
    firstSeen: r.firstSeen ? Date.parse(r.firstSeen) : now,
    firstSeenIso: r.firstSeen,
    sessions: r.health.sessions,
  }));
  const entries = new Map<string, Entry>(
    releases.map((r) => [
      r.release,
      {
        release: r.release,
        firstSeen: r.firstSeenIso,
        sessions: r.sessions,
        adoption: adoption(r.release),
        newIssues: [],
        regressed: [],
        resolved: [],
      },
    ]),
  );
  const order = new Map(releases.map((r) => [r.release, r]));
  const sorted = [...releases].sort(compareReleases);
  const keyOf = (g: (typeof groups)[number]) => formatIssueKey(g.project_key, Number(g.number));
  const groupsByKey = new Map<string, number[]>();
  for (const g of groups) groupsByKey.set(keyOf(g), [...(groupsByKey.get(keyOf(g)) ?? []), g.group_id]);
  const push = (release: string | null, list: 'newIssues' | 'regressed', g: (typeof groups)[number]) => {
    const e = release ? entries.get(release) : undefined;
    if (e && !e[list].some((i) => i.key === keyOf(g))) e[list].push({ key: keyOf(g), title: g.title });
  };
  const tiedKeys = new Set<string>();
  for (const v of tied) {
    const e = v.fix_release ? entries.get(v.fix_release) : undefined;
    if (!e) continue;
    const key = formatIssueKey(v.project_key, Number(v.number));
    tiedKeys.add(key);
    e.resolved.push({
      key,
      title: v.title,
      verification: {
        state: v.state as Entry['resolved'][number]['verification']['state'],
        evidence: v.evidence,
      },
    });
  }
  for (const g of groups) {
    push(g.first_release, 'newIssues', g);
    if (g.regressed_at !== null) push(g.last_release, 'regressed', g);
    const lastBroken = g.resolved_in_release ? order.get(g.resolved_in_release) : undefined;
    const fixed = g.closed_at !== null && g.resolution === 'fixed';
    if (!lastBroken || !fixed || tiedKeys.has(keyOf(g))) continue;
    // resolved_in_release is the last release that showed the problem; the fix ships in the next one.
    const fixRelease = sorted.find((r) => compareReleases(r, lastBroken) > 0)?.release ?? null;
    const e = entries.get(fixRelease ?? lastBroken.release);
    if (!e || e.resolved.some((i) => i.key === keyOf(g))) continue;
    const mine = new Set(groupsByKey.get(keyOf(g)));
    const signals: ReleaseSignal[] = releases.map((r) => ({
      release: r.release,
      firstSeen: r.firstSeen,
      sessions: r.sessions,
      events: counts
        .filter((c) => mine.has(c.group_id) && c.release === r.release)
        .reduce((n, c) => n + Number(c.count), 0),
    }));
    e.resolved.push({
      key: keyOf(g),
      title: g.title,
      verification: verificationVerdict({ fixRelease, releases: signals, now }),
    });
  }
  const items = [...entries.values()].sort((a, b) =>
    compareReleases(order.get(b.release)!, order.get(a.release)!),
  );
  return { items };
}

/** Sessions per UTC day of each release over the last ADOPTION_DAYS, oldest first, zeros included. */
async function adoptionOf(svc: Services, projectId: number, now: number) {
  const today = Math.floor(now / DAY_MS);
  const first = today - ADOPTION_DAYS + 1;
  const rows = await releaseSessionsPerDay(svc.store, projectId, first * DAY_MS);
  const perRelease = new Map<string, number[]>();
  const add = (release: string, day: number, n: number) => {
    if (day < first || day > today) return;
    const days = perRelease.get(release) ?? new Array<number>(ADOPTION_DAYS).fill(0);
    days[day - first] = (days[day - first] ?? 0) + n;
    perRelease.set(release, days);
  };
  for (const r of rows.single) add(r.release, r.day, r.sessions);
  for (const b of rows.buckets) add(b.release, b.day, countsFromAggregate(b.counts).sessions);
  return (release: string) => {
    const days = perRelease.get(release) ?? new Array<number>(ADOPTION_DAYS).fill(0);
    return days.map((sessions, i) => ({
      day: new Date((first + i) * DAY_MS).toISOString().slice(0, 10),
      sessions,
    }));
  };
}
