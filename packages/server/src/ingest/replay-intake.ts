import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ReplayChunk } from '@closeloop/shared/ingest/replay';
import type { Store } from '../store/db.ts';
import type { ReplayStore } from '../store/replay/replay-store.ts';
import { upsertReplaySession } from '../store/replay-sessions-store.ts';
import type { IngestKeyInfo } from './ingest-gate.ts';

const gzipAsync = promisify(gzip);

/**
 * Stores validated replay chunks: the bytes through the ReplayStore (durable before it resolves),
 * then the session row. A chunk seen before (SDK retry) is not stored or counted twice; its
 * metadata is still folded in, so a crash between the two steps heals on the retry.
 */
export async function acceptReplayChunks(
  store: Store,
  replays: ReplayStore,
  key: IngestKeyInfo,
  chunks: readonly ReplayChunk[],
): Promise<{ stored: number; duplicates: number }> {
  let stored = 0;
  for (const chunk of chunks) {
    const data = await gzipAsync(JSON.stringify(chunk.events));
    const startedAt = Math.min(chunk.started_at, chunk.events[0]?.timestamp ?? chunk.started_at);
    const endedAt = Math.max(chunk.ended_at, chunk.events.at(-1)?.timestamp ?? chunk.ended_at, startedAt);
    const created = await replays.put(
      { projectId: key.projectId, sessionId: chunk.session_id, seq: chunk.seq },
      { startedAt, endedAt },
      data,
    );
    if (created) stored++;
    const u = chunk.user;
    await upsertReplaySession(
      store,
      {
        projectId: key.projectId,
        sessionId: chunk.session_id,
        source: 'closeloop',
        startedAt,
        endedAt,
        url: chunk.url,
        userKey: u?.id ?? u?.email ?? u?.username ?? null,
        release: chunk.release ?? null,
        environment: chunk.environment ?? null,
        errors: created ? chunk.errors : 0,
        frustrations: created ? chunk.frustrations : 0,
        chunks: created ? 1 : 0,
        bytes: created ? data.length : 0,
      },
      Date.now(),
    );
  }
  return { stored, duplicates: chunks.length - stored };
}
