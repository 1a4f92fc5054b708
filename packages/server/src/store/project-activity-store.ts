import type { Tx } from './transaction.ts';

/**
 * Who was active in each project lately, from every event the worker reads (page loads included):
 * the denominators of "31% of users". One row per user / session with its last sighting.
 */
export interface ProjectActivity {
  /** projectId → user key / session id → last seen (epoch ms). */
  users: Map<number, Map<string, number>>;
  sessions: Map<number, Map<string, number>>;
}

export function emptyActivity(): ProjectActivity {
  return { users: new Map(), sessions: new Map() };
}

export function noteActivity(
  a: ProjectActivity,
  projectId: number,
  userKey: string | null,
  sessionId: string | null,
  at: number,
) {
  const put = (m: Map<number, Map<string, number>>, key: string) => {
    let inner = m.get(projectId);
    if (!inner) {
      inner = new Map();
      m.set(projectId, inner);
    }
    inner.set(key, Math.max(inner.get(key) ?? 0, at));
  };
  if (userKey) put(a.users, userKey);
  if (sessionId) put(a.sessions, sessionId);
}

const CHUNK = 300;

export async function saveActivity(tx: Tx, a: ProjectActivity) {
  for (const [projectId, users] of a.users) {
    const rows = [...users].map(([user_key, last_seen]) => ({ project_id: projectId, user_key, last_seen }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx.db
        .insertInto('project_active_users')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc
            .columns(['project_id', 'user_key'])
            .doUpdateSet((eb) => ({ last_seen: eb.ref('excluded.last_seen') })),
        )
        .execute();
    }
  }
  for (const [projectId, sessions] of a.sessions) {
    const rows = [...sessions].map(([session_id, last_seen]) => ({
      project_id: projectId,
      session_id,
      last_seen,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx.db
        .insertInto('project_active_sessions')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc
            .columns(['project_id', 'session_id'])
            .doUpdateSet((eb) => ({ last_seen: eb.ref('excluded.last_seen') })),
        )
        .execute();
    }
  }
}

export async function activeCounts(tx: Tx, projectId: number, since: number) {
  const [u, s] = await Promise.all([
    tx.db
      .selectFrom('project_active_users')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .where('last_seen', '>=', since)
      .executeTakeFirst(),
    tx.db
      .selectFrom('project_active_sessions')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .where('last_seen', '>=', since)
      .executeTakeFirst(),
  ]);
  return { users: Number(u?.n ?? 0), sessions: Number(s?.n ?? 0) };
}

export async function pruneActivity(tx: Tx, before: number) {
  await tx.db.deleteFrom('project_active_users').where('last_seen', '<', before).execute();
  await tx.db.deleteFrom('project_active_sessions').where('last_seen', '<', before).execute();
}
