import { upsertReplaySession } from '../store/replay-sessions-store.ts';
import type { Tx } from '../store/transaction.ts';

/** What a Sentry `replay_event` says about its session (one arrives with every segment). */
interface SentryReplayEvent {
  segment_id?: unknown;
  replay_start_timestamp?: unknown;
  timestamp?: unknown;
  urls?: unknown;
  error_ids?: unknown;
  release?: unknown;
  environment?: unknown;
  user?: unknown;
}

const seconds = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1000) : undefined;
const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v.slice(0, 1_000) : null);

/**
 * Gives Sentry SDK replays a row on the sessions page, in the intake's transaction. The Sentry
 * replay id is the session id of that SDK's events, so the issue → session → replay links work
 * the same as for Closeloop's SDK. Frustration is not counted for them (Sentry reports it as
 * breadcrumbs inside the recording, which is stored as it came).
 */
export async function noteSentryReplays(
  tx: Tx,
  projectId: number,
  replays: readonly { replayId: string; payload: Record<string, unknown> }[],
  now: number,
): Promise<void> {
  for (const { replayId, payload } of replays) {
    const e = payload as SentryReplayEvent;
    const end = seconds(e.timestamp) ?? now;
    const start = Math.min(seconds(e.replay_start_timestamp) ?? end, end);
    const urls = Array.isArray(e.urls) ? e.urls.filter((u): u is string => typeof u === 'string') : [];
    const user = (typeof e.user === 'object' && e.user !== null ? e.user : {}) as Record<string, unknown>;
    // A segment without URLs (no navigation in it) still extends the session.
    for (const url of urls.length > 0 ? urls : ['']) {
      await upsertReplaySession(
        tx,
        {
          projectId,
          sessionId: replayId,
          source: 'sentry',
          startedAt: start,
          endedAt: end,
          url,
          userKey: text(user.id) ?? text(user.email) ?? text(user.username),
          release: text(e.release),
          environment: text(e.environment),
          errors: url === (urls[0] ?? '') && Array.isArray(e.error_ids) ? e.error_ids.length : 0,
          frustrations: 0,
          chunks: url === (urls[0] ?? '') ? 1 : 0,
          bytes: 0,
        },
        now,
      );
    }
  }
}
