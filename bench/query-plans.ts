import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindQuery } from '../packages/core/src/query/bind-query.ts';
import { parseQuery } from '../packages/core/src/query/parse-query.ts';
import { DEFAULT_STATUSES } from '../packages/core/src/workflows/default-workflow.ts';
import type { Actor } from '../packages/server/src/commands/actor.ts';
import { queryIssues } from '../packages/server/src/commands/issue-query.ts';
import type { Services } from '../packages/server/src/services.ts';
import { openStore } from '../packages/server/src/store/db.ts';
import { migrateToLatest } from '../packages/server/src/store/migrations/migrate.ts';
import { compileQuery } from '../packages/server/src/store/query/compile-query.ts';
import type { IssueEB } from '../packages/server/src/store/query/qualifier-resolver.ts';
import { QUALIFIER_RESOLVERS } from '../packages/server/src/store/query/qualifier-resolvers.ts';
import { buildQueryList, type SortKey } from '../packages/server/src/store/query/query-list.ts';

/**
 * DESIGN.md §5 at scale: 1,000,000 issues in one SQLite workspace (the worst case for indexes led
 * by workspace_id). Prints EXPLAIN QUERY PLAN for the list query of every qualifier, each sort
 * and free text, fails when one scans the issues table where an index exists, and times a
 * filtered+sorted list page (budget p95 < 20 ms) and a ranked full-text search (p95 < 50 ms),
 * both through the real command path (parse → bind → compile → page → hydrate).
 * ISSUES=… shrinks the data for a quick run.
 */
const N = Number(process.env.ISSUES ?? 1_000_000);
const BATCH = 50_000;
// BENCH_DB=<dir> keeps the loaded database there and reuses it on the next run (timings only).
const keep = process.env.BENCH_DB;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'closeloop-plans-'));
const reuse = keep !== undefined && existsSync(join(dir, 'closeloop.db'));
const store = openStore({ dataDir: dir });

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const r = rng(42);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
// 5,000 made-up words with a Zipf-like spread, plus product words at known frequencies.
const SYL = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'po', 'si', 'da', 've', 'zo', 'fi', 'gu', 'be', 'xa', 'qu'];
const VOCAB = Array.from(
  { length: 5_000 },
  (_, i) => SYL[i % 16]! + SYL[(i >> 4) % 16]! + SYL[(i >> 8) % 16]! + (i >> 12 ? 'r' : ''),
);
const zipf = () => VOCAB[Math.floor(VOCAB.length * r() ** 3)]!;
const PRODUCT = ['checkout', 'slow', 'load', 'crash', 'login', 'cart', 'payment', 'timeout'];
const sentence = (n: number) =>
  Array.from({ length: n }, () => (r() < 0.08 ? pick(PRODUCT) : zipf())).join(' ');

async function load() {
  const t0 = performance.now();
  await migrateToLatest(store.db, 'sqlite');
  // A second connection for the bulk load: plain prepared statements in big transactions.
  const { default: SQLite } = await import('better-sqlite3');
  const raw = new SQLite(join(dir, 'closeloop.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -512000');
  const now = Date.now();
  raw.prepare("INSERT INTO workspaces (name, slug, created_at) VALUES ('Bench', 'bench', ?)").run(now);
  const users = 50;
  for (let u = 1; u <= users; u++) {
    raw
      .prepare("INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, 'x', ?)")
      .run(`u${u}@bench.test`, `User ${u}`, now);
    raw
      .prepare("INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (1, ?, 'member', ?)")
      .run(u, now);
  }
  const TEAMS = ['design', 'marketing', 'web', 'mobile', 'ops', 'data', 'growth', 'infra', 'qa', 'support'];
  for (const t of TEAMS)
    raw
      .prepare("INSERT INTO teams (workspace_id, key, name, description, created_at) VALUES (1, ?, ?, '', ?)")
      .run(t, t, now);
  const PROJECTS = ['APP', 'WEB', 'OPS', 'MKT', 'DATA'];
  for (const p of PROJECTS) {
    raw
      .prepare(
        "INSERT INTO projects (workspace_id, key, name, description, next_number, created_at) VALUES (1, ?, ?, '', 1, ?)",
      )
      .run(p, p, now);
  }
  DEFAULT_STATUSES.forEach((s, i) => {
    for (let p = 1; p <= PROJECTS.length; p++) {
      raw
        .prepare('INSERT INTO statuses (project_id, key, name, category, position) VALUES (?, ?, ?, ?, ?)')
        .run(p, s.key, s.name, s.category, i);
    }
  });
  const LABELS = Array.from({ length: 30 }, (_, i) =>
    i === 0 ? 'checkout' : i === 1 ? 'wontfix' : `label${i}`,
  );
  for (const l of LABELS)
    raw.prepare("INSERT INTO labels (workspace_id, name, color) VALUES (1, ?, '#888888')").run(l);

  // Bulk load without secondary indexes, then build them once: sorted builds beat 1M random inserts.
  const indexes = raw
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('issues', 'issue_labels') AND sql IS NOT NULL",
    )
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) raw.exec(`DROP INDEX ${ix.name}`);
  const insIssue =
    raw.prepare(`INSERT INTO issues (id, workspace_id, project_id, number, kind, type, title, description, status,
    status_category, priority, assignee_user_id, assignee_team_id, reporter_id, due_date, estimate_minutes, created_at, updated_at,
    closed_at, resolution, version) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
  const insLabel = raw.prepare('INSERT INTO issue_labels (issue_id, label_id) VALUES (?, ?)');
  const insFts = raw.prepare('INSERT INTO issue_search (rowid, title, body) VALUES (?, ?, ?)');
  const TYPES = ['bug', 'task', 'incident', 'risk', 'blocker', 'feature'];
  const KINDS = ['manual', 'manual', 'manual', 'error', 'network', 'frustration', 'performance'];
  const numbers = new Array(PROJECTS.length).fill(0);
  const span = 365 * 86_400_000;
  const batch = raw.transaction((from: number, to: number) => {
    for (let id = from; id < to; id++) {
      const project = 1 + Math.floor(r() * PROJECTS.length);
      const number = ++numbers[project - 1];
      const status = pick(DEFAULT_STATUSES);
      const closed = status.category === 'done' || status.category === 'cancelled';
      const created = now - Math.floor(r() * span);
      const updated = created + Math.floor(r() * (now - created));
      const who = r();
      const title = sentence(4 + Math.floor(r() * 5));
      const description = sentence(Math.floor(r() * 25));
      insIssue.run(
        id,
        project,
        number,
        pick(KINDS),
        pick(TYPES),
        title,
        description,
        status.key,
        status.category,
        Math.floor(r() * 5),
        who < 0.6 ? 1 + Math.floor(r() * users) : null,
        who >= 0.6 && who < 0.85 ? 1 + Math.floor(r() * TEAMS.length) : null,
        1 + Math.floor(r() * users),
        r() < 0.4 ? new Date(now + Math.floor((r() - 0.3) * span)).toISOString().slice(0, 10) : null,
        r() < 0.5 ? pick([15, 30, 60, 120, 240, 480]) : null,
        created,
        updated,
        closed ? updated : null,
        closed ? 'fixed' : null,
      );
      const nLabels = Math.floor(r() * 3);
      const seen = new Set<number>();
      for (let k = 0; k < nLabels; k++) {
        const l = 1 + Math.floor(r() ** 2 * LABELS.length);
        if (!seen.has(l)) insLabel.run(id, l);
        seen.add(l);
      }
      insFts.run(id, title, description);
    }
  });
  for (let from = 1; from <= N; from += BATCH) {
    batch(from, Math.min(N + 1, from + BATCH));
    process.stdout.write(`\r  loaded ${Math.min(N, from + BATCH - 1).toLocaleString()} issues`);
  }
  for (let p = 1; p <= PROJECTS.length; p++)
    raw.prepare('UPDATE projects SET next_number = ? WHERE id = ?').run(numbers[p - 1] + 1, p);
  const tIndex = performance.now();
  for (const ix of indexes) raw.exec(ix.sql);
  console.log(
    `\n  rebuilt ${indexes.length} indexes in ${((performance.now() - tIndex) / 1000).toFixed(1)} s`,
  );
  const tAnalyze = performance.now();
  raw.exec('ANALYZE');
  raw.close();
  console.log(
    `\n  load ${((tAnalyze - t0) / 1000).toFixed(1)} s, ANALYZE ${((performance.now() - tAnalyze) / 1000).toFixed(1)} s`,
  );
}

const actor: Actor = { userId: 1, workspaceId: 1, role: 'member' };
const svc = { store } as unknown as Services;

async function plan(q: string): Promise<string[]> {
  const parsed = parseQuery(q);
  const now = Date.now();
  const compiled = await compileQuery(
    store,
    parsed.where ? bindQuery(parsed.where, now) : null,
    { workspaceId: 1, actorId: 1, dialect: 'sqlite', now },
    QUALIFIER_RESOLVERS,
  );
  const sort: SortKey[] = parsed.sort.length
    ? parsed.sort.map((s) => ({ field: s.field, dir: s.dir }))
    : [{ field: 'relevance', dir: 'desc' }];
  const { query } = buildQueryList(store, (eb: IssueEB) => eb('i.workspace_id', '=', 1), compiled, {
    sort,
    limit: 50,
  });
  const c = query.compile();
  const { default: SQLite } = await import('better-sqlite3');
  const raw = new SQLite(join(dir, 'closeloop.db'), { readonly: true });
  const rows = raw.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as {
    detail: string;
  }[];
  raw.close();
  return rows.map((x) => x.detail);
}

/** A full scan of issues: "SCAN i" (or issues) not through an index. */
const fullScan = (lines: string[]) => lines.some((l) => /^SCAN (i|issues|par)\b(?! USING)/.test(l));

async function time(label: string, queries: () => string, runs: number) {
  for (let i = 0; i < 20; i++) await queryIssues(svc, actor, { q: queries(), order: 'desc', limit: 50 });
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const q = queries();
    const t = performance.now();
    await queryIssues(svc, actor, { q, order: 'desc', limit: 50 });
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!;
  console.log(
    `  ${label}: p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${at(1).toFixed(2)} ms (${runs} runs)`,
  );
  return { p50: at(0.5), p95: at(0.95) };
}

const PLAN_QUERIES = [
  'status:open',
  'status:in_review',
  'priority:>=high',
  'assignee:@me',
  'assignee:u7@bench.test',
  'is:unassigned',
  'team:design',
  'label:checkout',
  '-label:wontfix',
  'type:risk',
  'kind:performance',
  'project:OPS',
  'reporter:@me',
  'created:>-30d',
  'updated:>-7d',
  'closed:>-30d',
  'due:<2026-12-01',
  'estimate:>120',
  'title:checkout',
  'sort:priority-desc',
  'sort:updated-desc',
  'sort:created-asc',
  'sort:due-asc',
  'checkout',
  '"slow load"',
  'checkout sort:updated-desc',
  'status:open priority:>=high assignee:@me label:checkout "slow load"',
  'type:risk (team:design OR team:marketing) due:<2026-12-01',
  '-label:wontfix updated:>-7d sort:priority-desc',
  'status:open priority:>=high sort:updated-desc',
];

async function main() {
  console.log(`query plans at ${N.toLocaleString()} issues (SQLite, ${dir})`);
  if (reuse) console.log('  reusing the database from BENCH_DB');
  else await load();
  let scans = 0;
  for (const q of PLAN_QUERIES) {
    const lines = await plan(q);
    const bad = fullScan(lines);
    if (bad) scans++;
    console.log(`\n${bad ? '✗ FULL SCAN' : '✓'} ${q}\n${lines.map((l) => `    ${l}`).join('\n')}`);
  }
  console.log('\ntimings through queryIssues (parse → compile → page of 50 → hydrate):');
  const list = await time(
    'filtered+sorted list page `status:open priority:>=high assignee:@me sort:updated-desc` (assignee varies)',
    () => `status:open priority:>=high assignee:u${1 + Math.floor(r() * 50)}@bench.test sort:updated-desc`,
    300,
  );
  const list2 = await time(
    'filtered+sorted list page `type:<t> -label:wontfix sort:priority-desc`',
    () => `type:${pick(['bug', 'task', 'risk', 'blocker'])} -label:wontfix sort:priority-desc`,
    300,
  );
  const search = await time('ranked full-text search, one word from the vocabulary', () => zipf(), 300);
  const search2 = await time('ranked full-text search, two words', () => `${zipf()} ${zipf()}`, 300);
  const common = await time(
    'ranked full-text search, a common word (`checkout`, in ~16% of issues)',
    () => 'checkout',
    50,
  );
  console.log(
    `\nbudgets (DESIGN.md §5): list p95 < 20 ms → ${Math.max(list.p95, list2.p95) < 20 ? 'met' : 'MISSED'}; search p95 < 50 ms → ${Math.max(search.p95, search2.p95) < 50 ? 'met' : 'MISSED'} (common word p95 ${common.p95.toFixed(1)} ms)`,
  );
  console.log(
    `machine: nproc ${execSync('nproc').toString().trim()}; ${execSync('free -h | sed -n 2p').toString().trim()}`,
  );
  await store.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
  if (scans > 0) {
    console.error(`\n${scans} quer${scans === 1 ? 'y scans' : 'ies scan'} the issues table`);
    process.exit(1);
  }
}

await main();
