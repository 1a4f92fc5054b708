import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { createServices } from '../packages/server/src/create-services.ts';
import { openStore } from '../packages/server/src/store/db.ts';
import { logOffset } from '../packages/server/src/store/event-log-store.ts';
import { migrateToLatest } from '../packages/server/src/store/migrations/migrate.ts';
import { startScriptNodeFlags } from './start-flags.ts';

/**
 * DESIGN.md §5 ingest budgets:
 *  1. requests/s of POST /api/ingest/v1/events on embedded SQLite ≥ 50% of a bare Node HTTP server
 *     that only parses the same JSON bodies — both in child processes, same load, same run;
 *  2. accepted → grouped p95 < 1 s at 1,000 events/s.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const EVENTS_PER_REQUEST = 10;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function batchBody(): string {
  const events = Array.from({ length: EVENTS_PER_REQUEST }, (_, i) => ({
    event_id: randomBytes(16).toString('hex'),
    type: 'error',
    timestamp: Date.now(),
    platform: 'browser',
    release: 'shop@1.0.0',
    session_id: `s${i}`,
    url: 'https://shop.test/checkout',
    exception: {
      type: 'TypeError',
      value: `Cannot read properties of undefined (reading 'price${i % 5}')`,
      frames: [
        { function: 'main', filename: 'https://shop.test/app.js', lineno: 1, colno: 2, in_app: true },
        {
          function: `render${i % 5}`,
          filename: 'https://shop.test/cart.js',
          lineno: 10,
          colno: 3,
          in_app: true,
        },
      ],
    },
  }));
  return JSON.stringify({ v: 1, events });
}

async function load(url: string) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 32,
    duration: DURATION,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: batchBody() }) }],
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const BARE = `
const http = require('node:http');
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try { JSON.parse(Buffer.concat(chunks).toString('utf8')); res.writeHead(202, {'content-type':'application/json'}); res.end('{"accepted":10,"rejected":[]}'); }
    catch { res.writeHead(400); res.end(); }
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

async function waitUp(url: string, child: ChildProcess) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('server exited');
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`no answer from ${url}`);
}

async function throughput() {
  const barePort = await freePort();
  const bare = spawn(process.execPath, ['-e', BARE], {
    env: { ...process.env, PORT: String(barePort) },
    stdio: 'inherit',
  });
  await waitUp(`http://127.0.0.1:${barePort}/`, bare);
  const bareResult = await load(`http://127.0.0.1:${barePort}/`);
  bare.kill();

  // The same bundle `npm start` runs.
  spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../packages/server/build.ts')], {
    stdio: 'inherit',
  });
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // BENCH_SERVER_FLAGS: node flags for the server alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`
  // (a profile per thread: the API thread and the grouping thread).
  // Otherwise the flags of the start script, as `npm start` runs it.
  const flags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? startScriptNodeFlags();
  const server = spawn(
    process.execPath,
    [...flags, join(import.meta.dirname, '../packages/server/dist/main.mjs')],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        SEED_DEMO: 'never',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await waitUp(`${base}/healthz`, server);
  const json = { 'content-type': 'application/json' };
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'b@example.com', password: 'bench-password', name: 'Bench' }),
  });
  const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
  await fetch(`${base}/api/v1/projects`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({ key: 'SHOP', name: 'Shop' }),
  });
  const key = await (
    await fetch(`${base}/api/v1/projects/SHOP/ingest-keys`, {
      method: 'POST',
      headers: { ...json, cookie },
      body: JSON.stringify({ rateLimitPerMinute: 1_000_000 }),
    })
  ).json();
  const ours = await load(`${base}/api/ingest/v1/events?key=${key.publicKey}`);
  const exited = new Promise((r) => server.once('exit', r));
  server.kill();
  await exited; // a profile is written on the way out
  rmSync(dir, { recursive: true, force: true });
  return { bareResult, ours };
}

/** In-process: send 1,000 events/s for a few seconds and time each batch from 2xx to processed by the worker. */
async function acceptToGrouped() {
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-bench-'));
  const store = openStore({ dataDir: dir });
  await migrateToLatest(store.db, store.dialect);
  const svc = createServices(store, loadConfig({ LOG_LEVEL: 'silent' }));
  const app = await buildApp(svc);
  await app.listen({ port: 0, host: '127.0.0.1' });
  svc.ingest.worker.start();
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const json = { 'content-type': 'application/json' };
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'b@example.com', password: 'bench-password', name: 'Bench' }),
  });
  const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
  await fetch(`${base}/api/v1/projects`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({ key: 'SHOP', name: 'Shop' }),
  });
  const key = await (
    await fetch(`${base}/api/v1/projects/SHOP/ingest-keys`, {
      method: 'POST',
      headers: { ...json, cookie },
      body: JSON.stringify({ rateLimitPerMinute: 1_000_000 }),
    })
  ).json();
  const pending: { at: number; head: number }[] = [];
  const latencies: number[] = [];
  const poll = setInterval(async () => {
    const offset = await logOffset(store, 'grouping');
    const now = performance.now();
    while (pending.length && pending[0]!.head <= offset) latencies.push(now - pending.shift()!.at);
  }, 5);
  const seconds = 5;
  const perTick = EVENTS_PER_REQUEST; // 100 requests/s × 10 events = 1,000 events/s
  for (let t = 0; t < seconds * 100; t++) {
    const start = performance.now();
    void fetch(`${base}/api/ingest/v1/events?key=${key.publicKey}`, {
      method: 'POST',
      headers: json,
      body: batchBody(),
    }).then(async (r) => {
      if (r.status !== 202) return;
      const head = Number(
        (
          await store.db
            .selectFrom('raw_events')
            .select((eb) => eb.fn.max('id').as('m'))
            .executeTakeFirst()
        )?.m ?? 0,
      );
      pending.push({ at: performance.now(), head });
      pending.sort((a, b) => a.head - b.head);
    });
    const wait = 10 - (performance.now() - start);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await svc.ingest.worker.drain();
  await new Promise((r) => setTimeout(r, 50));
  clearInterval(poll);
  await app.close();
  await svc.ingest.worker.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return {
    samples: latencies.length,
    events: seconds * 100 * perTick,
    p50: pct(50),
    p95: pct(95),
    max: latencies.at(-1) ?? NaN,
  };
}

console.log(
  `machine: ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
);
const { bareResult, ours } = await throughput();
const ratio = ours.rps / bareResult.rps;
console.log(
  `bare node http (parse JSON only): ${bareResult.rps.toFixed(0)} req/s (${(bareResult.rps * EVENTS_PER_REQUEST).toFixed(0)} events/s)`,
);
console.log(
  `closeloop ingest (SQLite, durable): ${ours.rps.toFixed(0)} req/s (${(ours.rps * EVENTS_PER_REQUEST).toFixed(0)} events/s), p99 ${ours.p99} ms, non-2xx ${ours.non2xx}, errors ${ours.errors}`,
);
console.log(`ratio: ${(ratio * 100).toFixed(1)}% of bare (budget ≥ 50%) → ${ratio >= 0.5 ? 'PASS' : 'FAIL'}`);
const lat = await acceptToGrouped();
console.log(
  `accepted → grouped at 1,000 events/s: p50 ${lat.p50.toFixed(1)} ms, p95 ${lat.p95.toFixed(1)} ms, max ${lat.max.toFixed(1)} ms over ${lat.samples} batches (budget p95 < 1000 ms) → ${lat.p95 < 1000 ? 'PASS' : 'FAIL'}`,
);
