/**
 * Where the bytes of Closeloop SDK recordings live: one small interface, so a deployment can keep
 * them in the database (default) or elsewhere. Session metadata (what the sessions page filters
 * on) always stays in the database (replay-sessions-store.ts); only chunks go through here.
 */

export interface ChunkKey {
  projectId: number;
  sessionId: string;
  /** Position in the session; playback concatenates chunks in seq order. */
  seq: number;
}

export interface ChunkInfo {
  seq: number;
  startedAt: number;
  endedAt: number;
  /** Stored bytes (gzip). */
  size: number;
}

export interface ReplayStore {
  /**
   * Stores one chunk (gzip of its rrweb events as a JSON array) durably before resolving. A chunk
   * already stored under the same key is kept as it is (SDK retries are harmless): resolves false.
   */
  put(key: ChunkKey, times: { startedAt: number; endedAt: number }, data: Buffer): Promise<boolean>;
  /** The session's chunks in seq order. */
  list(projectId: number, sessionId: string): Promise<ChunkInfo[]>;
  read(key: ChunkKey): Promise<Buffer | undefined>;
  /** Removes every chunk of these sessions (retention). */
  deleteSessions(projectId: number, sessionIds: readonly string[]): Promise<void>;
}
