import type { Durations, ReportFigures } from './report-figures.ts';
import type { SlaCompliance } from './sla-compliance.ts';

/** Every table of a report by name: what the CSV export offers, one file per table. */
export const REPORT_TABLES = [
  'open-by-priority',
  'open-by-status',
  'created-vs-closed',
  'response-times',
  'ageing',
  'rates',
  'top-machine-issues',
  'sla-compliance',
] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

type Cell = string | number | boolean | null;
const HOUR = 3_600_000;
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR) * 100) / 100);
const timeRow = (measure: string, d: Durations): Cell[] => [
  measure,
  d.count,
  hours(d.meanMs),
  hours(d.medianMs),
];

export function reportTable(
  r: ReportFigures & { slaCompliance: SlaCompliance },
  table: ReportTable,
): { header: string[]; rows: Cell[][] } {
  switch (table) {
    case 'open-by-priority':
      return { header: ['priority', 'open'], rows: r.openByPriority.map((x) => [x.priority, x.count]) };
    case 'open-by-status':
      return {
        header: ['status', 'category', 'open'],
        rows: r.openByStatus.map((x) => [x.status, x.category, x.count]),
      };
    case 'created-vs-closed':
      return {
        header: ['date', 'created', 'closed'],
        rows: r.createdVsClosed.map((x) => [x.date, x.created, x.closed]),
      };
    case 'response-times':
      return {
        header: ['measure', 'issues', 'mean_hours', 'median_hours'],
        rows: [
          timeRow('first_response', r.firstResponse),
          timeRow('acknowledge', r.acknowledge),
          timeRow('resolution', r.resolution),
        ],
      };
    case 'ageing':
      return { header: ['age', 'open'], rows: r.ageing.map((x) => [x.bucket, x.count]) };
    case 'rates':
      return {
        header: ['measure', 'count', 'of', 'rate'],
        rows: [
          ['reopened', r.reopenRate.count, r.reopenRate.of, r.reopenRate.rate],
          ['regressed', r.regressionRate.count, r.regressionRate.of, r.regressionRate.rate],
        ],
      };
    case 'sla-compliance':
      return {
        header: ['metric', 'priority', 'met', 'breached', 'rate'],
        rows: r.slaCompliance.rows.map((x) => [x.metric, x.priority ?? 'all', x.met, x.breached, x.rate]),
      };
    case 'top-machine-issues':
      return {
        header: ['issue', 'title', 'users', 'events', 'open'],
        rows: r.topMachineIssues.map((x) => [x.key, x.title, x.users, x.events, x.open]),
      };
  }
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; a leading =,+,-,@ is defused for spreadsheets. */
export function toCsv(t: { header: string[]; rows: Cell[][] }): string {
  const cell = (v: Cell) => {
    let s = v === null ? '' : String(v);
    if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${[t.header, ...t.rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
