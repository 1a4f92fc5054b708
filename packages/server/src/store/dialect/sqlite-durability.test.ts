import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { startApp } from '../../start.ts';
import { sendEvents, signupWithIngestKey, startServerProcess } from '../../test/server-process.ts';
import { openSqliteConnections } from './sqlite.ts';

/**
 * "A 2xx means the event survives a power cut." A process kill cannot show this (the page cache
 * survives it, so a copy of the file read afterwards looks the same at NORMAL and FULL); what
 * shows it is the setting on every connection and the fsync of the WAL before the answer leaves.
 */
const SRC = join(import.meta.dirname, '../..');
const FULL = 2; // PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA

const hasStrace = spawnSync('strace', ['-V']).status === 0;
if (!hasStrace && process.env.CI) throw new Error('strace is required in CI (apt-get install strace)');
if (!hasStrace) console.warn('\n*** strace not installed: the fsync-before-2xx test is SKIPPED ***\n');

const errorEvent = (eventId: string) => ({
  event_id: eventId,
  type: 'error',
  timestamp: Date.now(),
  exception: { type: 'PowerCutError', value: 'lost?', frames: [{ function: 'f', filename: 'app.js' }] },
});

describe('embedded SQLite durability', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'closeloop-durable-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('opens every SQLite connection of the server with synchronous = FULL or stronger', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: tempDir(),
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'never',
    });
    const { svc, app } = await startApp(config);
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as { port: number };
      const base = `http://127.0.0.1:${port}`;
      const { publicKey } = await signupWithIngestKey(base);
      expect(await sendEvents(base, publicKey, [errorEvent('a'.repeat(32))])).toBe(202);
      await svc.ingest.worker.drain();

      const connections = openSqliteConnections();
      expect(connections.length).toBeGreaterThan(0);
      for (const c of connections)
        expect(c.pragma('synchronous', { simple: true })).toBeGreaterThanOrEqual(FULL);
    } finally {
      await app.close();
      await svc.ingest.worker.stop();
      await svc.jobs.stop();
      await svc.store.close();
    }
  });

  it('opens SQLite nowhere but dialect/sqlite.ts, so the check above sees every connection', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) && !p.includes('/test/')) {
          const text = readFileSync(p, 'utf8');
          if (/^import (?!type )[^;]*from 'better-sqlite3'/m.test(text)) offenders.push(relative(SRC, p));
        }
      }
    };
    walk(SRC);
    expect(offenders).toEqual(['store/dialect/sqlite.ts']);
  });

  it.skipIf(!hasStrace)(
    'fsyncs the WAL after receiving an ingest request and before answering it 2xx',
    async () => {
      const dir = tempDir();
      const trace = join(dir, 'strace.txt');
      const server = await startServerProcess({
        env: { DATA_DIR: dir },
        wrap: [
          'strace',
          '-f',
          '--seccomp-bpf',
          '-yy',
          '-s',
          '64',
          '-o',
          trace,
          '-e',
          'trace=fsync,fdatasync,read,readv,recvfrom,recvmsg,write,writev,sendto,sendmsg',
        ],
      });
      try {
        const { publicKey } = await signupWithIngestKey(server.base);
        expect(await sendEvents(server.base, publicKey, [errorEvent('b'.repeat(32))])).toBe(202);
      } finally {
        // Stop the traced server itself (strace exits with it): a signal to strace would only detach it.
        const children = readFileSync(`/proc/${server.child.pid}/task/${server.child.pid}/children`, 'utf8');
        for (const pid of children.trim().split(/\s+/).filter(Boolean)) process.kill(Number(pid), 'SIGTERM');
        await new Promise((r) => (server.child.exitCode === null ? server.child.once('exit', r) : r(null)));
      }

      const lines = readFileSync(trace, 'utf8').split('\n');
      const received = lines.findIndex((l) => /<TCP:\[[^\]]*\]>, "POST \/api\/ingest\/v1\/events/.test(l));
      const answered = lines.findIndex(
        (l, i) => i > received && /^\d+\s+(write|writev|sendto|sendmsg)\(\d+<TCP:.*HTTP\/1\.1 202/.test(l),
      );
      expect(received).toBeGreaterThan(-1);
      expect(answered).toBeGreaterThan(received);
      const walSyncs = lines
        .slice(received + 1, answered)
        .filter((l) => /^\d+\s+(fsync|fdatasync)\(\d+<[^>]*closeloop\.db-wal>/.test(l));
      expect(walSyncs.length).toBeGreaterThanOrEqual(1);
    },
    120_000,
  );
});
