import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChunkInfo, ChunkKey, ReplayStore } from './replay-store.ts';

/**
 * Chunks as files: `<root>/<projectId>/<sessionId>/<seq>-<startedAt>-<endedAt>.gz`. The name
 * holds the metadata so listing needs no index. A chunk is written to a temporary file, fsynced,
 * then renamed into place, so a crash leaves either the whole chunk or none of it.
 * Session ids are checked by the ingest contract (letters, digits, `_`, `-`), so they are safe
 * path segments.
 */
export class FsReplayStore implements ReplayStore {
  constructor(private readonly root: string) {}

  private dir(projectId: number, sessionId: string): string {
    return join(this.root, String(projectId), sessionId);
  }

  private async find(key: ChunkKey): Promise<string | undefined> {
    const prefix = `${key.seq}-`;
    const names = await readdir(this.dir(key.projectId, key.sessionId)).catch(() => [] as string[]);
    return names.find((n) => n.startsWith(prefix) && n.endsWith('.gz'));
  }

  async put(key: ChunkKey, times: { startedAt: number; endedAt: number }, data: Buffer): Promise<boolean> {
    if (await this.find(key)) return false;
    const dir = this.dir(key.projectId, key.sessionId);
    await mkdir(dir, { recursive: true });
    const final = join(dir, `${key.seq}-${times.startedAt}-${times.endedAt}.gz`);
    const tmp = join(dir, `.${key.seq}-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
    const file = await open(tmp, 'wx');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    // Two processes racing on the same chunk both end with one complete file of the same content.
    await rename(tmp, final);
    return true;
  }

  async list(projectId: number, sessionId: string): Promise<ChunkInfo[]> {
    const dir = this.dir(projectId, sessionId);
    const names = await readdir(dir).catch(() => [] as string[]);
    const out: ChunkInfo[] = [];
    for (const name of names) {
      const m = /^(\d+)-(\d+)-(\d+)\.gz$/.exec(name);
      if (!m) continue;
      const size = await stat(join(dir, name)).then(
        (s) => s.size,
        () => 0,
      );
      out.push({ seq: Number(m[1]), startedAt: Number(m[2]), endedAt: Number(m[3]), size });
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  async read(key: ChunkKey): Promise<Buffer | undefined> {
    const name = await this.find(key);
    return name ? readFile(join(this.dir(key.projectId, key.sessionId), name)) : undefined;
  }

  async deleteSessions(projectId: number, sessionIds: readonly string[]): Promise<void> {
    for (const id of sessionIds) await rm(this.dir(projectId, id), { recursive: true, force: true });
  }
}
