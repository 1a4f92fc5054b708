import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScriptNodeFlags } from './start-flags.ts';

/**
 * DESIGN.md §5: idle server RSS < 100 MB. Starts the real server (embedded SQLite, demo seeded),
 * waits until it has been idle for a few seconds, and reads VmRSS of the process from /proc.
 */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../packages/server/build.ts')], {
  stdio: 'inherit',
});
const dir = mkdtempSync(join(tmpdir(), 'closeloop-mem-'));
const port = await freePort();
// Run node directly on the bundle `npm start` runs (no npm wrapper) so the pid is the server itself,
// with the node flags of the start script (bench/RESULTS.md, memory, says what each saves).
const nodeFlags = startScriptNodeFlags();
const child = spawn(
  process.execPath,
  [...nodeFlags, join(import.meta.dirname, '../packages/server/dist/main.mjs')],
  {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      SEED_DEMO: process.env.SEED_DEMO ?? 'auto',
    },
    stdio: 'ignore',
  },
);
try {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await new Promise((r) => setTimeout(r, 5000));
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  const mb = rssKb / 1024;
  console.log(
    `idle RSS after start + demo seed (node ${nodeFlags.join(' ')}): ${mb.toFixed(0)} MB (budget < 100 MB) → ${mb < 100 ? 'PASS' : 'FAIL'}`,
  );
} finally {
  child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
