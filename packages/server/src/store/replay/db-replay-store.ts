import type { Store } from '../db.ts';
import type { ChunkInfo, ChunkKey, ReplayStore } from './replay-store.ts';

/** Chunks as rows of replay_chunks (the default): backed up and replicated with everything else. */
export class DbReplayStore implements ReplayStore {
  constructor(private readonly store: Pick<Store, 'db'>) {}

  async put(key: ChunkKey, times: { startedAt: number; endedAt: number }, data: Buffer): Promise<boolean> {
    const result = await this.store.db
      .insertInto('replay_chunks')
      .values({
        project_id: key.projectId,
        session_id: key.sessionId,
        seq: key.seq,
        started_at: times.startedAt,
        ended_at: times.endedAt,
        size: data.length,
        data,
        received_at: Date.now(),
      })
      .onConflict((oc) => oc.columns(['project_id', 'session_id', 'seq']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async list(projectId: number, sessionId: string): Promise<ChunkInfo[]> {
    const rows = await this.store.db
      .selectFrom('replay_chunks')
      .select(['seq', 'started_at', 'ended_at', 'size'])
      .where('project_id', '=', projectId)
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      seq: r.seq,
      startedAt: Number(r.started_at),
      endedAt: Number(r.ended_at),
      size: r.size,
    }));
  }

  async read(key: ChunkKey): Promise<Buffer | undefined> {
    const row = await this.store.db
      .selectFrom('replay_chunks')
      .select('data')
      .where('project_id', '=', key.projectId)
      .where('session_id', '=', key.sessionId)
      .where('seq', '=', key.seq)
      .executeTakeFirst();
    return row ? Buffer.from(row.data) : undefined;
  }

  async deleteSessions(projectId: number, sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    await this.store.db
      .deleteFrom('replay_chunks')
      .where('project_id', '=', projectId)
      .where('session_id', 'in', sessionIds)
      .execute();
  }
}
