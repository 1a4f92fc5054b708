import type { Generated } from 'kysely';

/** Tables of migration 0020-session-replays. */

export interface ReplaySessionTable {
  id: Generated<number>;
  project_id: number;
  session_id: string;
  /** closeloop (the browser SDK, chunks in the ReplayStore) | sentry (segments in replay_segments) */
  source: string;
  started_at: number;
  ended_at: number;
  duration_ms: number;
  first_url: string;
  /** Distinct page URLs, one per line, capped at REPLAY_URLS_MAX characters. */
  urls: string;
  user_key: string | null;
  release: string | null;
  environment: string | null;
  error_count: number;
  frustration_count: number;
  chunk_count: number;
  bytes: number;
  updated_at: number;
}

export interface ReplayChunkTable {
  project_id: number;
  session_id: string;
  seq: number;
  started_at: number;
  ended_at: number;
  size: number;
  data: Buffer;
  received_at: number;
}

export interface ProjectReplaySettingsTable {
  project_id: number;
  retention_days: number;
}

export interface ReplayTables {
  replay_sessions: ReplaySessionTable;
  replay_chunks: ReplayChunkTable;
  project_replay_settings: ProjectReplaySettingsTable;
}
