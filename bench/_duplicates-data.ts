import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Reads a duplicate-report folder in the layout of ../shared/data/duplicates/hadoop/ (GitBugs):
 * `reports.csv` (Summary, Issue id, Created, Description, …) and `duplicates.csv` (Issue id,
 * Duplicate id; a cell may hold several ids). Read in place; nothing is copied.
 */

export interface Report {
  id: string;
  summary: string;
  description: string;
  created: number;
  status: string;
  resolution: string;
}

export interface DuplicatePair {
  /** The later-created report: it asks. */
  query: string;
  /** The earlier one: it should be found. */
  target: string;
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || (r[0] ?? '') !== '');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Jira's export format `30/Sep/21 17:20`; ISO dates are accepted too. */
export function parseJiraDate(text: string): number {
  const m = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{2,4}) (\d{1,2}):(\d{2})$/.exec(text.trim());
  if (m) {
    const year = Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
    const month = MONTHS.indexOf(m[2] ?? '');
    if (month < 0) throw new Error(`unknown month in ${text}`);
    return Date.UTC(year, month, Number(m[1]), Number(m[4]), Number(m[5]));
  }
  const iso = Date.parse(text);
  if (Number.isNaN(iso)) throw new Error(`cannot read date ${JSON.stringify(text)}`);
  return iso;
}

function table(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  if (!header) throw new Error(`${path} is empty`);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ''])));
}

/** Reports in creation order (ties by id, so the order is total). */
export function readReports(dir: string): Report[] {
  const reports = table(join(dir, 'reports.csv')).map((r) => ({
    id: (r['Issue id'] ?? '').trim(),
    summary: r.Summary ?? '',
    description: r.Description ?? '',
    created: parseJiraDate(r.Created ?? ''),
    status: r.Status ?? '',
    resolution: r.Resolution ?? '',
  }));
  return reports.sort(
    (a, b) => a.created - b.created || Number(a.id) - Number(b.id) || (a.id < b.id ? -1 : 1),
  );
}

/** Undirected, de-duplicated pairs of reports that are both present; the later-created one asks. */
export function readPairs(dir: string, reports: readonly Report[]): DuplicatePair[] {
  const position = new Map(reports.map((r, i) => [r.id, i]));
  const seen = new Set<string>();
  const pairs: DuplicatePair[] = [];
  for (const row of table(join(dir, 'duplicates.csv'))) {
    const left = (row['Issue id'] ?? '').split(/[\s,;]+/).filter(Boolean);
    const right = (row['Duplicate id'] ?? '').split(/[\s,;]+/).filter(Boolean);
    for (const a of left) {
      for (const b of right) {
        const pa = position.get(a);
        const pb = position.get(b);
        if (pa === undefined || pb === undefined || a === b) continue;
        const key = [a, b].sort().join('|');
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push(pa > pb ? { query: a, target: b } : { query: b, target: a });
      }
    }
  }
  return pairs;
}

/** `../shared/data/duplicates/hadoop` beside the checkout; a worktree sits deeper, so look upwards. */
export function defaultDir(): string {
  let dir = resolve(import.meta.dirname, '..');
  for (;;) {
    const candidate = join(dir, '..', 'shared/data/duplicates/hadoop');
    if (existsSync(join(candidate, 'reports.csv'))) return resolve(candidate);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('no ../shared/data/duplicates/hadoop found; pass --data <dir>');
    dir = parent;
  }
}
