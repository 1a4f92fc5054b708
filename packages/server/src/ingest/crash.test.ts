import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The promise "nothing acknowledged is lost, not on kill -9": a real server process takes events
 * from concurrent senders, is killed with SIGKILL mid-load, and every event it answered 2xx for
 * must be in the log on disk.
 */
const MAIN = join(import.meta.dirname, '../main.ts');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, child: ChildProcess) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

describe('ingest durability under SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged event', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        SEED_DEMO: 'never',
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    try {
      await waitForHealth(base, child);
      const json = { 'content-type': 'application/json' };
      const signup = await fetch(`${base}/api/v1/auth/signup`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: 'crash@example.com', password: 'crash-password', name: 'Crash' }),
      });
      const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
      const auth = { ...json, cookie };
      await fetch(`${base}/api/v1/projects`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ key: 'SHOP', name: 'Shop' }),
      });
      const key = await (
        await fetch(`${base}/api/v1/projects/SHOP/ingest-keys`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ rateLimitPerMinute: 1_000_000 }),
        })
      ).json();

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
            const r = await fetch(`${base}/api/ingest/v1/events?key=${key.publicKey}`, {
              method: 'POST',
              headers: json,
              body: JSON.stringify({ v: 1, events }),
            });
            if (r.status === 202) acknowledged.push(...ids);
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
