import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sendEvents, signupWithIngestKey, startServerProcess } from '../test/server-process.ts';

/**
 * The promise "nothing acknowledged is lost, not on kill -9": a real server process takes events
 * from concurrent senders, is killed with SIGKILL mid-load, and every event it answered 2xx for
 * must be in the log on disk. (A kill leaves the page cache intact, so this cannot tell
 * `synchronous = NORMAL` from FULL: store/dialect/sqlite-durability.test.ts covers power loss.)
 */
describe('ingest durability under SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged event', async () => {
    const { child, base } = await startServerProcess({ env: { DATA_DIR: dir } });
    try {
      const { publicKey } = await signupWithIngestKey(base);

      const acknowledged: string[] = [];
      let sending = true;
      const sender = async () => {
        while (sending) {
          const ids = Array.from({ length: 20 }, () => randomBytes(16).toString('hex'));
          const events = ids.map((event_id, i) => ({
            event_id,
            type: 'error',
            timestamp: Date.now(),
            exception: {
              type: 'CrashTestError',
              value: `n${i % 3}`,
              frames: [{ function: `f${i % 3}`, filename: 'app.js', in_app: true }],
            },
          }));
          try {
            if ((await sendEvents(base, publicKey, events)) === 202) acknowledged.push(...ids);
          } catch {
            // the server died mid-request: that batch was never acknowledged
          }
        }
      };
      const senders = Array.from({ length: 8 }, sender);
      await new Promise((r) => setTimeout(r, 1500));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      sending = false;
      await Promise.all(senders);

      expect(acknowledged.length).toBeGreaterThan(100);
      const db = new SQLite(join(dir, 'closeloop.db'), { readonly: true });
      const stored = new Set(db.prepare('SELECT event_id FROM raw_events').pluck().all() as string[]);
      db.close();
      const lost = acknowledged.filter((id) => !stored.has(id));
      console.log(
        `crash test: ${acknowledged.length} acknowledged, ${stored.size} stored, ${lost.length} lost`,
      );
      expect(lost).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
