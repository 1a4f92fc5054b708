import { describe, expect, it } from 'vitest';
import { reportFigures } from './report-figures.ts';
import { REPORT_TABLES, reportTable, toCsv } from './report-tables.ts';
import { slaCompliance } from './sla-compliance.ts';

describe('report tables and CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(
      toCsv({
        header: ['a', 'b'],
        rows: [
          ['x,y', 'say "hi"'],
          ['=SUM(A1)', null],
          ['line\nbreak', 3],
        ],
      }),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),\r\n"line\nbreak",3\r\n');
  });

  it('gives every named table a header and rows in hours', () => {
    const day = Date.UTC(2026, 10, 1);
    const figures = reportFigures(
      [
        {
          key: 'A-1',
          title: 'Checkout, slow',
          kind: 'performance',
          priority: 'high',
          status: 'done',
          statusCategory: 'done',
          createdAt: day,
          closedAt: day + 90 * 60_000,
          firstResponseAt: day + 30 * 60_000,
          acknowledgedAt: day + 30 * 60_000,
          reopenCount: 0,
          regressionCount: 0,
          users: 12,
          events: 40,
        },
      ],
      { from: day, to: day + 86_400_000 },
    );
    const sla = slaCompliance(
      [
        {
          key: 'A-1',
          priority: 'high',
          metric: 'first_response',
          state: 'met',
          breachedAt: null,
          stoppedAt: day + 30 * 60_000,
        },
      ],
      { from: day, to: day + 86_400_000 },
    );
    const r = { ...figures, slaCompliance: sla };
    for (const name of REPORT_TABLES) expect(reportTable(r, name).header.length).toBeGreaterThan(1);
    expect(toCsv(reportTable(r, 'sla-compliance'))).toBe(
      'metric,priority,met,breached,rate\r\nfirst_response,all,1,0,1\r\nfirst_response,high,1,0,1\r\nresolution,all,0,0,\r\n',
    );
    expect(toCsv(reportTable(r, 'response-times'))).toBe(
      'measure,issues,mean_hours,median_hours\r\nfirst_response,1,0.5,0.5\r\nacknowledge,1,0.5,0.5\r\nresolution,1,1.5,1.5\r\n',
    );
    expect(toCsv(reportTable(r, 'top-machine-issues'))).toBe(
      'issue,title,users,events,open\r\nA-1,"Checkout, slow",12,40,false\r\n',
    );
  });
});
