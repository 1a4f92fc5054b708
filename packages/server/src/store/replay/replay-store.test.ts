import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../commands/accounts.ts';
import { createProject } from '../../commands/projects.ts';
import { describeEachDialect, openTestStore, type TestDb } from '../../test/dialects.ts';
import { DbReplayStore } from './db-replay-store.ts';
import { FsReplayStore } from './fs-replay-store.ts';
import type { ReplayStore } from './replay-store.ts';

/** The same behaviour from both ReplayStore implementations, on both databases. */
describeEachDialect('replay chunk storage', (dialect) => {
  let db: TestDb;
  let projectId: number;
  let dir: string;
  beforeAll(async () => {
    db = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'closeloop-replays-'));
    const { actor } = await signUp(db.store, {
      email: 's@example.com',
      password: 'store-password',
      name: 'S',
    });
    projectId = (await createProject(db.store, actor, { key: 'REP', name: 'Rep', description: '' })).id;
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const impls: [string, () => ReplayStore][] = [
    ['database', () => new DbReplayStore(db.store)],
    ['filesystem', () => new FsReplayStore(dir)],
  ];
  describe.each(impls)('%s', (name, make) => {
    const sid = `session-${name}`;
    const key = (seq: number) => ({ projectId, sessionId: sid, seq });

    it('lists and reads chunks in seq order whatever order they arrived in', async () => {
      const s = make();
      for (const seq of [2, 0, 10, 1]) {
        expect(
          await s.put(key(seq), { startedAt: 1000 + seq, endedAt: 2000 + seq }, Buffer.from(`chunk ${seq}`)),
        ).toBe(true);
      }
      const list = await s.list(projectId, sid);
      expect(list.map((c) => c.seq)).toEqual([0, 1, 2, 10]);
      expect(list[3]).toEqual({ seq: 10, startedAt: 1010, endedAt: 2010, size: 'chunk 10'.length });
      expect((await s.read(key(2)))?.toString()).toBe('chunk 2');
      expect(await s.read(key(3))).toBeUndefined();
      expect(await s.list(projectId, 'nobody')).toEqual([]);
    });

    it('keeps the first copy of a chunk sent twice (SDK retry)', async () => {
      const s = make();
      expect(await s.put(key(0), { startedAt: 1, endedAt: 2 }, Buffer.from('other'))).toBe(false);
      expect((await s.read(key(0)))?.toString()).toBe('chunk 0');
      expect(await s.list(projectId, sid)).toHaveLength(4);
    });

    it('deletes whole sessions and nothing else', async () => {
      const s = make();
      await s.put(
        { projectId, sessionId: `${sid}-keep`, seq: 0 },
        { startedAt: 1, endedAt: 2 },
        Buffer.from('x'),
      );
      await s.deleteSessions(projectId, [sid]);
      expect(await s.list(projectId, sid)).toEqual([]);
      expect(await s.read(key(1))).toBeUndefined();
      expect(await s.list(projectId, `${sid}-keep`)).toHaveLength(1);
      await s.deleteSessions(projectId, [sid]); // idempotent
    });
  });
});
