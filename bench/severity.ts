import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { createServices } from '../packages/server/src/create-services.ts';
import { rescoreStale } from '../packages/server/src/scoring/rescore.ts';
import { openStore } from '../packages/server/src/store/db.ts';
import { migrateToLatest } from '../packages/server/src/store/migrations/migrate.ts';
import { ndcgAt, plantWorld } from './_severity-world.ts';

/**
 * `npm run bench severity`: plants issues of known impact in a simulated shop (bench/_severity-world.ts),
 * sends every event through the real ingest endpoint and grouping worker, writes the people's
 * issues through the API, scores everything with the default weights at a simulated 13:30 UTC, and
 * prints NDCG@10 of the triage queue's order against the planted grades. Passes at ≥ 0.9.
 */
const PASS = 0.9;
const HOUR = 3_600_000;

// The simulated present: today 13:30 UTC, or yesterday's when that is still ahead (events may not lie in the future).
const today = new Date();
today.setUTCHours(13, 30, 0, 0);
const NOW = today.getTime() <= Date.now() ? today.getTime() : today.getTime() - 24 * HOUR;

const dir = mkdtempSync(join(tmpdir(), 'closeloop-bench-severity-'));
const store = openStore({ dataDir: dir });
await migrateToLatest(store.db, 'sqlite');
const svc = createServices(
  store,
  loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'http://localhost', LOG_LEVEL: 'silent' }),
);
const app = await buildApp(svc, { webDist: '/nonexistent' });

let cookie = '';
async function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) {
  const res = await app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload ? { payload: payload as object } : {}),
  });
  if (res.statusCode >= 400) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res;
}

try {
  const signup = await call('POST', '/api/v1/auth/signup', {
    email: 'bench@example.com',
    password: 'bench-password',
    name: 'Bench',
    workspaceName: 'Bench',
  });
  const c = signup.cookies.find((x) => x.name === 'cl_session')!;
  cookie = `${c.name}=${c.value}`;
  await call('POST', '/api/v1/projects', { key: 'SHOP', name: 'Shop' });
  // What any shop would mark critical: where money changes hands.
  await call('PUT', '/api/v1/projects/SHOP/scoring', { critical: ['/checkout', '/cart'] });
  const key = (await call('POST', '/api/v1/projects/SHOP/ingest-keys', { name: 'web' })).json()
    .publicKey as string;
  const nextWeek = new Date(NOW + 7 * 24 * HOUR).toISOString().slice(0, 10);
  await call('POST', '/api/v1/projects/SHOP/milestones', { name: 'Launch', targetDate: nextWeek });

  const world = plantWorld(NOW);
  const events = [...world.pageLoads, ...world.machine.flatMap((m) => m.events)];
  for (let i = 0; i < events.length; i += 1000) {
    await app.inject({
      method: 'POST',
      url: `/api/ingest/v1/events?key=${key}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ v: 1, events: events.slice(i, i + 1000) }),
    });
  }
  await svc.ingest.worker.drain();

  const grades = new Map<string, { name: string; grade: number }>();
  for (const m of world.manual) {
    const issue = (
      await call('POST', '/api/v1/projects/SHOP/issues', {
        title: m.title,
        type: m.type,
        ...(m.milestone ? { milestone: 'Launch' } : {}),
      })
    ).json();
    if (m.impact !== undefined)
      await call('PATCH', `/api/v1/issues/${issue.key}/assessment`, {
        impact: m.impact,
        likelihood: m.likelihood ?? null,
      });
    grades.set(issue.key, m);
  }
  await rescoreStale(store, NOW);

  const queue = (await call('GET', '/api/v1/projects/SHOP/triage?limit=100')).json().items as {
    issue: { key: string; title: string };
    score: number;
    reasons: string;
  }[];
  for (const item of queue) {
    const planted = world.machine.find((m) => item.issue.title.includes(m.marker));
    if (planted) grades.set(item.issue.key, planted);
  }
  const ranked = queue.map((i) => grades.get(i.issue.key)?.grade ?? 0);
  const all = [...grades.values()].map((g) => g.grade);
  const ndcg = ndcgAt(10, ranked, all);

  console.log(
    `severity ranking at ${new Date(NOW).toISOString()}: ${queue.length} issues in the triage queue\n`,
  );
  console.log('rank  score  grade  planted as                                  reasons');
  queue.forEach((item, i) => {
    const g = grades.get(item.issue.key);
    console.log(
      `${String(i + 1).padStart(4)}  ${String(item.score).padStart(5)}  ${String(g?.grade ?? '?').padStart(5)}  ${(g?.name ?? `(unplanted) ${item.issue.title}`).slice(0, 42).padEnd(42)}  ${item.reasons}`,
    );
  });
  console.log(`\nNDCG@10 = ${ndcg.toFixed(3)} (pass ≥ ${PASS})`);
  console.log(
    JSON.stringify({ bench: 'severity', issues: queue.length, 'ndcg@10': Math.round(ndcg * 1000) / 1000 }),
  );
  if (queue.some((i) => !grades.has(i.issue.key)))
    throw new Error('an issue the generator did not plant reached the queue');
  process.exitCode = ndcg >= PASS ? 0 : 1;
} finally {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
