import { sql } from 'kysely';
import type { Tx } from './transaction.ts';

/** Machine-found groups and their aggregates. Every write is an upsert so reprocessing is safe. */

export async function findGroup(tx: Tx, projectId: number, fingerprint: string) {
  return tx.db
    .selectFrom('event_groups')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();
}

/** The issue's first group: the one it was opened for (merged duplicates bring later ones). */
export async function findGroupOfIssue(tx: Tx, issueId: number) {
  return tx.db
    .selectFrom('event_groups')
    .selectAll()
    .where('issue_id', '=', issueId)
    .orderBy('id')
    .executeTakeFirst();
}

/** Every group that feeds the issue, oldest first; more than one after duplicates were merged into it. */
export async function findGroupsOfIssue(tx: Tx, issueId: number) {
  return tx.db.selectFrom('event_groups').selectAll().where('issue_id', '=', issueId).orderBy('id').execute();
}

export async function insertGroup(
  tx: Tx,
  g: {
    workspaceId: number;
    projectId: number;
    issueId: number;
    fingerprint: string;
    kind: string;
    title: string;
    culprit: string;
    components: string[];
    seenAt: number;
    release: string | null;
  },
) {
  return tx.db
    .insertInto('event_groups')
    .values({
      workspace_id: g.workspaceId,
      project_id: g.projectId,
      issue_id: g.issueId,
      fingerprint: g.fingerprint,
      kind: g.kind,
      title: g.title,
      culprit: g.culprit,
      components: JSON.stringify(g.components),
      first_seen: g.seenAt,
      last_seen: g.seenAt,
      event_count: 0,
      user_count: 0,
      session_count: 0,
      first_release: g.release,
      last_release: g.release,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Adds members to a distinct-set table; returns how many were new. */
async function addDistinct(
  tx: Tx,
  table: 'group_users' | 'group_sessions',
  groupId: number,
  values: ReadonlyMap<string, number>,
) {
  if (values.size === 0) return 0;
  const col = table === 'group_users' ? 'user_key' : 'session_id';
  let added = 0;
  const rows = [...values].map(([value, at]) => ({ group_id: groupId, [col]: value, first_seen: at }));
  for (let i = 0; i < rows.length; i += 300) {
    const r = await tx.db
      .insertInto(table)
      .values(rows.slice(i, i + 300) as never)
      .onConflict((oc) => oc.columns(['group_id', col] as never).doNothing())
      .executeTakeFirst();
    added += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** What a batch of events adds to one group, summed in memory so a batch costs a few statements per group. */
export interface Occurrences {
  count: number;
  firstAt: number;
  lastAt: number;
  lastRelease: string | null;
  users: Map<string, number>;
  sessions: Map<string, number>;
  hours: Map<number, number>;
  facets: Map<string, number>;
}

export function emptyOccurrences(): Occurrences {
  return {
    count: 0,
    firstAt: Infinity,
    lastAt: -Infinity,
    lastRelease: null,
    users: new Map(),
    sessions: new Map(),
    hours: new Map(),
    facets: new Map(),
  };
}

export function addOccurrence(
  o: Occurrences,
  e: {
    at: number;
    userKey: string | null;
    sessionId: string | null;
    release: string | null;
    facets: Record<string, string>;
  },
) {
  o.count++;
  o.firstAt = Math.min(o.firstAt, e.at);
  if (e.at >= o.lastAt && e.release) o.lastRelease = e.release;
  o.lastAt = Math.max(o.lastAt, e.at);
  if (e.userKey && !o.users.has(e.userKey)) o.users.set(e.userKey, e.at);
  if (e.sessionId && !o.sessions.has(e.sessionId)) o.sessions.set(e.sessionId, e.at);
  const hour = Math.floor(e.at / 3_600_000) * 3_600_000;
  o.hours.set(hour, (o.hours.get(hour) ?? 0) + 1);
  for (const [facet, value] of Object.entries(e.facets)) {
    const k = `${facet}\u0000${value.slice(0, 200)}`;
    o.facets.set(k, (o.facets.get(k) ?? 0) + 1);
  }
}

/** Adds a batch's occurrences to a group; returns how many events and new users it added. */
export async function recordOccurrences(
  tx: Tx,
  groupId: number,
  o: Occurrences,
): Promise<{ events: number; users: number }> {
  const newUsers = await addDistinct(tx, 'group_users', groupId, o.users);
  const newSessions = await addDistinct(tx, 'group_sessions', groupId, o.sessions);
  await tx.db
    .updateTable('event_groups')
    .set((eb) => ({
      event_count: eb('event_count', '+', o.count),
      user_count: eb('user_count', '+', newUsers),
      session_count: eb('session_count', '+', newSessions),
      // Events can arrive out of order; CASE works in both dialects (max(a,b) is SQLite-only).
      last_seen: sql<number>`CASE WHEN last_seen > ${o.lastAt} THEN last_seen ELSE ${o.lastAt} END`,
      first_seen: sql<number>`CASE WHEN first_seen < ${o.firstAt} THEN first_seen ELSE ${o.firstAt} END`,
      ...(o.lastRelease ? { last_release: o.lastRelease } : {}),
    }))
    .where('id', '=', groupId)
    .execute();
  await tx.db
    .insertInto('group_hourly')
    .values([...o.hours].map(([hour, count]) => ({ group_id: groupId, hour, count })))
    .onConflict((oc) =>
      oc
        .columns(['group_id', 'hour'])
        .doUpdateSet((eb) => ({ count: eb('group_hourly.count', '+', eb.ref('excluded.count')) })),
    )
    .execute();
  const facets = [...o.facets].map(([k, count]) => {
    const [facet, value] = k.split('\u0000') as [string, string];
    return { group_id: groupId, facet, value, count };
  });
  for (let i = 0; i < facets.length; i += 200) {
    await tx.db
      .insertInto('group_facets')
      .values(facets.slice(i, i + 200))
      .onConflict((oc) =>
        oc
          .columns(['group_id', 'facet', 'value'])
          .doUpdateSet((eb) => ({ count: eb('group_facets.count', '+', eb.ref('excluded.count')) })),
      )
      .execute();
  }
  return { events: o.count, users: newUsers };
}

const SAMPLES_KEPT = 20;

/** Keeps the first event of a group and the latest ones. */
export async function addSample(
  tx: Tx,
  groupId: number,
  s: { eventId: string; at: number; payload: string },
) {
  await tx.db
    .insertInto('group_samples')
    .values({ group_id: groupId, event_id: s.eventId, received_at: s.at, payload: s.payload })
    .execute();
  const ids = await tx.db
    .selectFrom('group_samples')
    .select('id')
    .where('group_id', '=', groupId)
    .orderBy('id', 'desc')
    .limit(SAMPLES_KEPT + 2)
    .execute();
  if (ids.length > SAMPLES_KEPT + 1) {
    const first = await tx.db
      .selectFrom('group_samples')
      .select((eb) => eb.fn.min('id').as('m'))
      .where('group_id', '=', groupId)
      .executeTakeFirst();
    const cutoff = ids[SAMPLES_KEPT - 1]!.id;
    await tx.db
      .deleteFrom('group_samples')
      .where('group_id', '=', groupId)
      .where('id', '<', cutoff)
      .where('id', '!=', Number(first?.m ?? 0))
      .execute();
  }
}

export async function noteRelease(tx: Tx, projectId: number, release: string, at: number) {
  await tx.db
    .insertInto('project_releases')
    .values({ project_id: projectId, release, first_seen: at })
    .onConflict((oc) => oc.columns(['project_id', 'release']).doNothing())
    .execute();
}

export async function releaseFirstSeen(tx: Tx, projectId: number, release: string): Promise<number | null> {
  const r = await tx.db
    .selectFrom('project_releases')
    .select('first_seen')
    .where('project_id', '=', projectId)
    .where('release', '=', release)
    .executeTakeFirst();
  return r?.first_seen ?? null;
}

export async function markRegressed(tx: Tx, groupId: number, at: number) {
  await tx.db
    .updateTable('event_groups')
    .set({ regressed_at: at, resolved_in_release: null })
    .where('id', '=', groupId)
    .execute();
}

export async function setResolvedInRelease(tx: Tx, issueId: number, release: string | null) {
  await tx.db
    .updateTable('event_groups')
    .set({ resolved_in_release: release })
    .where('issue_id', '=', issueId)
    .execute();
}

/** Series, facets, samples and sessions of one or more groups (an issue with merged duplicates), summed. */
export async function groupStats(tx: Tx, groupIds: readonly number[]) {
  const total = sql<number>`cast(sum(count) as integer)`;
  const [hourly, facets, samples, sessions] = await Promise.all([
    tx.db
      .selectFrom('group_hourly')
      .select(['hour', total.as('count')])
      .where('group_id', 'in', groupIds)
      .groupBy('hour')
      .orderBy('hour')
      .execute(),
    tx.db
      .selectFrom('group_facets')
      .select(['facet', 'value', total.as('count')])
      .where('group_id', 'in', groupIds)
      .groupBy(['facet', 'value'])
      .orderBy('facet')
      .orderBy('count', 'desc')
      .orderBy('value')
      .execute(),
    tx.db
      .selectFrom('group_samples')
      .select(['event_id', 'received_at', 'payload'])
      .where('group_id', 'in', groupIds)
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(SAMPLES_KEPT)
      .execute(),
    tx.db
      .selectFrom('group_sessions')
      .select(['session_id', sql<number>`min(first_seen)`.as('first_seen')])
      .where('group_id', 'in', groupIds)
      .groupBy('session_id')
      .orderBy('first_seen', 'desc')
      .limit(50)
      .execute(),
  ]);
  return {
    hourly: hourly.map((h) => ({ hour: Number(h.hour), count: Number(h.count) })),
    facets: facets.map((f) => ({ ...f, count: Number(f.count) })),
    samples,
    sessions: sessions.map((s) => ({ session_id: s.session_id, first_seen: Number(s.first_seen) })),
  };
}

/** Distinct users across the issue's groups: a user seen by two merged groups counts once. */
export async function distinctUsersOf(tx: Tx, groupIds: readonly number[]): Promise<number> {
  const r = await tx.db
    .selectFrom('group_users')
    .select(sql<number>`count(distinct user_key)`.as('n'))
    .where('group_id', 'in', groupIds)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Distinct sessions across the issue's groups. */
export async function distinctSessionsOf(tx: Tx, groupIds: readonly number[]): Promise<number> {
  const r = await tx.db
    .selectFrom('group_sessions')
    .select(sql<number>`count(distinct session_id)`.as('n'))
    .where('group_id', 'in', groupIds)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function sourceMapFor(tx: Tx, projectId: number, release: string, fileUrl: string) {
  const r = await tx.db
    .selectFrom('source_maps')
    .select('content')
    .where('project_id', '=', projectId)
    .where('release', '=', release)
    .where('file_url', '=', fileUrl)
    .executeTakeFirst();
  return r?.content ?? null;
}

export async function hasSourceMaps(tx: Tx, projectId: number, release: string): Promise<boolean> {
  const r = await tx.db
    .selectFrom('source_maps')
    .select('id')
    .where('project_id', '=', projectId)
    .where('release', '=', release)
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

export async function upsertSourceMap(
  tx: Tx,
  m: { projectId: number; release: string; fileUrl: string; content: string },
) {
  await tx.db
    .insertInto('source_maps')
    .values({
      project_id: m.projectId,
      release: m.release,
      file_url: m.fileUrl,
      content: m.content,
      created_at: Date.now(),
    })
    .onConflict((oc) =>
      oc
        .columns(['project_id', 'release', 'file_url'])
        .doUpdateSet({ content: m.content, created_at: Date.now() }),
    )
    .execute();
}

export async function listSourceMaps(tx: Tx, projectId: number, release: string) {
  return tx.db
    .selectFrom('source_maps')
    .select(['id', 'file_url', 'created_at'])
    .where('project_id', '=', projectId)
    .where('release', '=', release)
    .orderBy('file_url')
    .execute();
}

/** The issue an event of this project was grouped into, while the event is among its group's samples. */
export async function issueOfSampledEvent(tx: Tx, projectId: number, eventId: string) {
  const r = await tx.db
    .selectFrom('group_samples as s')
    .innerJoin('event_groups as g', 'g.id', 's.group_id')
    .select('g.issue_id')
    .where('s.event_id', '=', eventId)
    .where('g.project_id', '=', projectId)
    .executeTakeFirst();
  return r?.issue_id;
}
