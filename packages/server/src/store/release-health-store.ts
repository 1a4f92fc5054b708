import {
  countsFromAggregate,
  mergeSessionUpdate,
  type SessionState,
  type SessionStatus,
  sessionHealth,
} from '@closeloop/core/release-health/release-health';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from './tables.ts';
import type { Tx } from './transaction.ts';

/** Release-health storage: one folded row per session, summed aggregate buckets, distinct users. */

/** The summed outcome columns of Sentry session aggregates, for any grouping of the buckets. */
export function aggregateSums(eb: ExpressionBuilder<Database, 'release_session_buckets'>) {
  return [
    eb.fn.sum<number>('exited').as('exited'),
    eb.fn.sum<number>('errored').as('errored'),
    eb.fn.sum<number>('unhandled').as('unhandled'),
    eb.fn.sum<number>('abnormal').as('abnormal'),
    eb.fn.sum<number>('crashed').as('crashed'),
  ] as const;
}

export interface StoredSessionUpdate {
  sid: string;
  distinctId?: string | undefined;
  started: number;
  timestamp: number;
  status: SessionStatus;
  errors: number;
  release: string;
  environment?: string | undefined;
}

export interface StoredSessionAggregate {
  started: number;
  distinctId?: string | undefined;
  release: string;
  environment?: string | undefined;
  exited: number;
  errored: number;
  unhandled: number;
  abnormal: number;
  crashed: number;
}

const MINUTE = 60_000;

async function noteUser(
  tx: Tx,
  projectId: number,
  at: { release: string; environment: string },
  userKey: string,
  crashed: boolean,
  now: number,
) {
  await tx.db
    .insertInto('release_users')
    .values({ project_id: projectId, ...at, user_key: userKey, crashed: crashed ? 1 : 0, first_seen: now })
    .onConflict((oc) =>
      oc
        .columns(['project_id', 'release', 'environment', 'user_key'])
        .doUpdateSet(crashed ? { crashed: 1 } : (eb) => ({ crashed: eb.ref('release_users.crashed') })),
    )
    .execute();
}

/** Folds session updates into their sessions' rows (core/release-health decides how). Call in a transaction. */
export async function applySessionUpdates(
  tx: Tx,
  projectId: number,
  updates: readonly StoredSessionUpdate[],
  now = Date.now(),
) {
  for (const u of updates) {
    const row = await tx.db
      .selectFrom('release_sessions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('sid', '=', u.sid)
      .executeTakeFirst();
    const prev: SessionState | undefined = row && {
      status: row.status as SessionStatus,
      errors: row.errors,
      updatedAt: row.updated_at,
      distinctId: row.distinct_id,
    };
    const next = mergeSessionUpdate(prev, {
      status: u.status,
      errors: u.errors,
      timestamp: u.timestamp,
      distinctId: u.distinctId,
    });
    // A session belongs to the release and environment it started in.
    const at = row
      ? { release: row.release, environment: row.environment }
      : { release: u.release, environment: u.environment ?? '' };
    const values = {
      distinct_id: next.distinctId,
      updated_at: next.updatedAt,
      status: next.status,
      errors: next.errors,
      health: sessionHealth(next),
    };
    await tx.db
      .insertInto('release_sessions')
      .values({ project_id: projectId, sid: u.sid, ...at, started: u.started, ...values })
      .onConflict((oc) => oc.columns(['project_id', 'sid']).doUpdateSet(values))
      .execute();
    if (next.distinctId !== null) {
      await noteUser(tx, projectId, at, next.distinctId, values.health === 'crashed', now);
    }
  }
}

/** Adds pre-aggregated session counts (`sessions` items), bucketed per started minute. */
export async function addSessionAggregates(
  tx: Tx,
  projectId: number,
  aggregates: readonly StoredSessionAggregate[],
  now = Date.now(),
) {
  for (const a of aggregates) {
    const at = { release: a.release, environment: a.environment ?? '' };
    const counts = {
      exited: a.exited,
      errored: a.errored,
      unhandled: a.unhandled,
      abnormal: a.abnormal,
      crashed: a.crashed,
    };
    await tx.db
      .insertInto('release_session_buckets')
      .values({ project_id: projectId, ...at, started: Math.floor(a.started / MINUTE) * MINUTE, ...counts })
      .onConflict((oc) =>
        oc.columns(['project_id', 'release', 'environment', 'started']).doUpdateSet((eb) => ({
          exited: eb('release_session_buckets.exited', '+', a.exited),
          errored: eb('release_session_buckets.errored', '+', a.errored),
          unhandled: eb('release_session_buckets.unhandled', '+', a.unhandled),
          abnormal: eb('release_session_buckets.abnormal', '+', a.abnormal),
          crashed: eb('release_session_buckets.crashed', '+', a.crashed),
        })),
      )
      .execute();
    if (a.distinctId !== undefined && countsFromAggregate(counts).sessions > 0) {
      await noteUser(tx, projectId, at, a.distinctId, a.crashed > 0, now);
    }
  }
}

export interface HealthRows {
  sessions: { release: string; environment: string; health: string; n: number }[];
  buckets: {
    release: string;
    environment: string;
    exited: number;
    errored: number;
    unhandled: number;
    abnormal: number;
    crashed: number;
  }[];
  usersByEnvironment: { release: string; environment: string; users: number; crashed: number }[];
  usersByRelease: { release: string; users: number; crashed: number }[];
  releases: { release: string; first_seen: number }[];
}

/** Everything the releases API sums up, per release and environment; `environment` filters. */
export async function releaseHealthRows(
  tx: Tx,
  projectId: number,
  environment?: string,
): Promise<HealthRows> {
  const env = environment;
  const sessions = await tx.db
    .selectFrom('release_sessions')
    .select(['release', 'environment', 'health', (eb) => eb.fn.countAll<number>().as('n')])
    .where('project_id', '=', projectId)
    .$if(env !== undefined, (q) => q.where('environment', '=', env ?? ''))
    .groupBy(['release', 'environment', 'health'])
    .execute();
  const buckets = await tx.db
    .selectFrom('release_session_buckets')
    .select((eb) => ['release', 'environment', ...aggregateSums(eb)])
    .where('project_id', '=', projectId)
    .$if(env !== undefined, (q) => q.where('environment', '=', env ?? ''))
    .groupBy(['release', 'environment'])
    .execute();
  const usersByEnvironment = await tx.db
    .selectFrom('release_users')
    .select((eb) => [
      'release',
      'environment',
      eb.fn.countAll<number>().as('users'),
      eb.fn.sum<number>('crashed').as('crashed'),
    ])
    .where('project_id', '=', projectId)
    .$if(env !== undefined, (q) => q.where('environment', '=', env ?? ''))
    .groupBy(['release', 'environment'])
    .execute();
  // A user seen in two environments is one user of the release.
  const usersByRelease = await tx.db
    .selectFrom('release_users')
    .select((eb) => [
      'release',
      eb.fn.count<number>('user_key').distinct().as('users'),
      eb.fn
        .count<number>(eb.case().when('crashed', '=', 1).then(eb.ref('user_key')).end())
        .distinct()
        .as('crashed'),
    ])
    .where('project_id', '=', projectId)
    .$if(env !== undefined, (q) => q.where('environment', '=', env ?? ''))
    .groupBy('release')
    .execute();
  const releases = await tx.db
    .selectFrom('project_releases')
    .select(['release', 'first_seen'])
    .where('project_id', '=', projectId)
    .execute();
  return {
    sessions: sessions.map((r) => ({ ...r, n: Number(r.n) })),
    buckets: buckets.map((r) => ({
      ...r,
      exited: Number(r.exited),
      errored: Number(r.errored),
      unhandled: Number(r.unhandled),
      abnormal: Number(r.abnormal),
      crashed: Number(r.crashed),
    })),
    usersByEnvironment: usersByEnvironment.map((r) => ({
      ...r,
      users: Number(r.users),
      crashed: Number(r.crashed),
    })),
    usersByRelease: usersByRelease.map((r) => ({ ...r, users: Number(r.users), crashed: Number(r.crashed) })),
    releases,
  };
}
