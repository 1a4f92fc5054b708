import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse, distinctTerms, FIELDS, fieldLength } from '../packages/core/src/similarity/document.ts';
import { findSimilar, TYPING_RETRIEVAL } from '../packages/core/src/similarity/engine.ts';
import { DEFAULT_STATUSES } from '../packages/core/src/workflows/default-workflow.ts';
import { openStore } from '../packages/server/src/store/db.ts';
import { migrateToLatest } from '../packages/server/src/store/migrations/migrate.ts';
import {
  indexIssueSimilarity,
  StoreSimilarityReader,
} from '../packages/server/src/store/similarity-store.ts';
import { inTransaction } from '../packages/server/src/store/transaction.ts';
import { defaultDir, readReports } from './_duplicates-data.ts';

/**
 * Suggestions while a person types a title (issue 11.4: p95 < 50 ms at 100,000 issues), embedded
 * SQLite, through the real path: StoreSimilarityReader (stats, df, postings, docs) → engine.
 * Issue texts are real bug reports (../shared/data/duplicates/hadoop) recombined to 100,000 distinct
 * issues; queries are what a person has typed so far: the first 2–8 words of a report's summary.
 * The index is bulk-loaded with the same rows the incremental path writes; then 200 creates are
 * indexed incrementally (indexIssueSimilarity, the code every create/edit runs) and timed too.
 * ISSUES=… changes the size.
 */
const N = Number(process.env.ISSUES ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'closeloop-similar-'));
const store = openStore({ dataDir: dir });
const reports = readReports(defaultDir());

let seed = 7;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

function issueText(i: number) {
  const a = reports[i % reports.length]!;
  const b = pick(reports);
  const tail = b.summary.split(/\s+/).slice(0, 3).join(' ');
  return {
    title: `${a.summary} ${tail}`.slice(0, 300),
    description: `${a.description.slice(0, 600)} ${b.description.slice(0, 400)}`,
  };
}

const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.floor(p * (xs.length - 1))]!;

async function main() {
  await migrateToLatest(store.db, 'sqlite');
  const { default: SQLite } = await import('better-sqlite3');
  const raw = new SQLite(join(dir, 'closeloop.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const now = Date.now();
  raw.prepare("INSERT INTO workspaces (name, slug, created_at) VALUES ('Bench', 'bench', ?)").run(now);
  raw
    .prepare(
      "INSERT INTO projects (workspace_id, key, name, description, next_number, created_at) VALUES (1, 'APP', 'App', '', 1, ?)",
    )
    .run(now);
  DEFAULT_STATUSES.forEach((s, i) => {
    raw
      .prepare('INSERT INTO statuses (project_id, key, name, category, position) VALUES (1, ?, ?, ?, ?)')
      .run(s.key, s.name, s.category, i);
  });
  const insIssue =
    raw.prepare(`INSERT INTO issues (id, workspace_id, project_id, number, kind, type, title, description, status,
    status_category, priority, created_at, updated_at, version) VALUES (?, 1, 1, ?, 'manual', 'bug', ?, ?, 'todo', 'todo', 0, ?, ?, 1)`);
  const insDoc = raw.prepare(
    'INSERT INTO similarity_docs (issue_id, workspace_id, project_id, created_at, title, terms) VALUES (?, 1, 1, ?, ?, ?)',
  );
  const insPosting = raw.prepare(
    'INSERT INTO similarity_postings (project_id, term, issue_id) VALUES (1, ?, ?)',
  );
  const df = new Map<string, number>();
  const totals = { title: 0, description: 0, frames: 0, route: 0, component: 0 };
  const t0 = performance.now();
  const span = 365 * 86_400_000;
  const load = raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const text = issueText(i);
      const at = now - span + Math.floor((span * i) / N);
      insIssue.run(i + 1, i + 1, text.title, text.description, at, at);
      const terms = analyse(text);
      insDoc.run(i + 1, at, text.title, JSON.stringify(terms));
      for (const f of FIELDS) totals[f] += fieldLength(terms[f]);
      for (const t of distinctTerms(terms)) {
        insPosting.run(t, i + 1);
        df.set(t, (df.get(t) ?? 0) + 1);
      }
    }
  });
  for (let i = 0; i < N; i += 5_000) load(i, Math.min(N, i + 5_000));
  const insTerm = raw.prepare('INSERT INTO similarity_terms (project_id, term, df) VALUES (1, ?, ?)');
  raw.transaction(() => {
    for (const [t, n] of df) insTerm.run(t, n);
  })();
  raw
    .prepare('INSERT INTO similarity_stats VALUES (1, ?, ?, ?, ?, ?, ?)')
    .run(N, totals.title, totals.description, totals.frames, totals.route, totals.component);
  raw.prepare('UPDATE projects SET next_number = ? WHERE id = 1').run(N + 1);
  raw.exec('ANALYZE');
  raw.close();
  const postings = df.size;
  console.log(
    `loaded ${N} issues, ${postings} distinct terms in ${Math.round((performance.now() - t0) / 1000)} s`,
  );

  const inner = new StoreSimilarityReader(store, 1);
  const spent: Record<string, number> = { stats: 0, docFreqs: 0, postings: 0, docs: 0 };
  const timed =
    <A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>) =>
    async (...a: A) => {
      const s = performance.now();
      const r = await fn(...a);
      spent[name] = (spent[name] ?? 0) + performance.now() - s;
      return r;
    };
  const reader = {
    stats: timed('stats', () => inner.stats()),
    docFreqs: timed('docFreqs', (t: readonly string[]) => inner.docFreqs(t)),
    postings: timed('postings', (t: readonly string[], n: number) => inner.postings(t, n)),
    docs: timed('docs', (ids: readonly number[]) => inner.docs(ids)),
  };
  const typed: string[] = [];
  for (let q = 0; q < 300; q++) {
    const words = pick(reports).summary.split(/\s+/);
    typed.push(words.slice(0, 2 + Math.floor(rand() * 7)).join(' '));
  }
  for (const title of typed.slice(0, 20))
    await findSimilar(
      reader,
      { text: { title, description: '' }, at: now, limit: 8 },
      { retrieval: TYPING_RETRIEVAL },
    );
  const times: number[] = [];
  for (const title of typed) {
    const s = performance.now();
    await findSimilar(
      reader,
      { text: { title, description: '' }, at: now, limit: 8 },
      { retrieval: TYPING_RETRIEVAL },
    );
    times.push(performance.now() - s);
  }
  console.log(
    `store time per query: ${Object.entries(spent)
      .map(([k, v]) => `${k} ${(v / (typed.length + 20)).toFixed(1)} ms`)
      .join(', ')}`,
  );
  console.log(
    `suggest while typing (${times.length} queries): p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (budget p95 < 50 ms)`,
  );

  const creates: number[] = [];
  for (let k = 0; k < 200; k++) {
    const id = N + 1 + k;
    const text = issueText(id);
    await store.db
      .insertInto('issues')
      .values({
        id,
        workspace_id: 1,
        project_id: 1,
        number: id,
        kind: 'manual',
        type: 'bug',
        title: text.title,
        description: text.description,
        status: 'todo',
        status_category: 'todo',
        priority: 0,
        created_at: now,
        updated_at: now,
        version: 1,
      } as never)
      .execute();
    const s = performance.now();
    await inTransaction(store, (tx) => indexIssueSimilarity(tx, id));
    creates.push(performance.now() - s);
  }
  console.log(
    `incremental index of a new issue (200): p50 ${pct(creates, 0.5).toFixed(1)} ms, p95 ${pct(creates, 0.95).toFixed(1)} ms`,
  );
  await store.db.destroy();
  rmSync(dir, { recursive: true, force: true });
}

await main();
