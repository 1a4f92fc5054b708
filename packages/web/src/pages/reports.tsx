import type { Report } from '@closeloop/shared/api/reports';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, qs } from '../api/client.ts';
import { TopBar } from '../components/layout.tsx';
import { ProjectPicker } from '../components/project-picker.tsx';
import { TimeChart } from '../components/time-chart.tsx';
import { ErrorState, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { humanize, isoDay } from '../lib/format.ts';

const HOUR = 3_600_000;
/** A duration as a person reads it: minutes under an hour, hours under two days, else days. */
export function readableDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < HOUR) return `${Math.round(ms / 60_000)} min`;
  if (ms < 48 * HOUR) return `${Math.round((ms / HOUR) * 10) / 10} h`;
  return `${Math.round((ms / (24 * HOUR)) * 10) / 10} d`;
}
const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** MTTA, MTTR, first response, throughput and ageing of a project over a period, with CSV of every table. */
export function ReportsPage() {
  const current = useCurrentProject();
  const today = isoDay(new Date());
  const [from, setFrom] = useState(isoDay(new Date(Date.now() - 29 * 86_400_000)));
  const [to, setTo] = useState(today);
  const params = { project: current.key ?? undefined, from, to };
  const r = useQuery({
    queryKey: ['report', params],
    enabled: !!current.key,
    queryFn: () => api<Report>(`/reports${qs(params)}`),
  });
  const csv = (table: string) => `/api/v1/reports/csv${qs({ ...params, table })}`;
  return (
    <>
      <TopBar title="Reports">
        <ProjectPicker current={current} />
        <label className="inline-field">
          From{' '}
          <input
            className="input"
            type="date"
            value={from}
            max={to}
            onChange={(e) => setFrom(e.target.value)}
          />
        </label>
        <label className="inline-field">
          To{' '}
          <input
            className="input"
            type="date"
            value={to}
            min={from}
            onChange={(e) => setTo(e.target.value)}
          />
        </label>
      </TopBar>
      <div className="page reports">
        {r.isLoading && <Spinner label="Computing the report" />}
        {r.error && <ErrorState error={r.error} retry={() => r.refetch()} />}
        {r.data && <ReportBody report={r.data} csv={csv} />}
      </div>
    </>
  );
}

function ReportBody({ report, csv }: { report: Report; csv: (table: string) => string }) {
  const chart = useMemo(
    () => ({
      x: report.createdVsClosed.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000),
      series: [
        {
          label: 'Created',
          values: report.createdVsClosed.map((d) => d.created),
          color: '#6e79d6',
          kind: 'bars' as const,
        },
        {
          label: 'Closed',
          values: report.createdVsClosed.map((d) => d.closed),
          color: '#2f9e6a',
          kind: 'line' as const,
        },
      ],
    }),
    [report],
  );
  return (
    <>
      <section className="report-stats" aria-label="Summary">
        <Stat label="Created" value={String(report.totals.created)} />
        <Stat label="Closed" value={String(report.totals.closed)} />
        <Stat label="Open at end" value={String(report.totals.openAtEnd)} />
        <Stat label="First response (median)" value={readableDuration(report.firstResponse.medianMs)} />
        <Stat label="MTTA (mean)" value={readableDuration(report.acknowledge.meanMs)} />
        <Stat label="MTTR (mean)" value={readableDuration(report.resolution.meanMs)} />
        <Stat label="Reopened" value={percent(report.reopenRate.rate)} />
        <Stat label="Regressed" value={percent(report.regressionRate.rate)} />
      </section>
      <p className="faint" data-testid="report-time-zone">
        Days in {report.timeZone} (the project’s business calendar)
      </p>
      <ReportSection title="Created vs closed" csv={csv('created-vs-closed')}>
        <TimeChart x={chart.x} series={chart.series} label="Issues created and closed per day" />
      </ReportSection>
      <div className="report-grid">
        <ReportSection title="Response times" csv={csv('response-times')}>
          <Table
            head={['Measure', 'Issues', 'Mean', 'Median']}
            rows={(
              [
                ['First response', report.firstResponse],
                ['Acknowledge (MTTA)', report.acknowledge],
                ['Resolution (MTTR)', report.resolution],
              ] as const
            ).map(([name, d]) => [name, d.count, readableDuration(d.meanMs), readableDuration(d.medianMs)])}
          />
        </ReportSection>
        <ReportSection title="Open by priority" csv={csv('open-by-priority')}>
          <Table
            head={['Priority', 'Open']}
            rows={report.openByPriority.map((p) => [humanize(p.priority), p.count])}
          />
        </ReportSection>
        <ReportSection title="Open by status" csv={csv('open-by-status')}>
          <Table
            head={['Status', 'Open']}
            rows={report.openByStatus.map((s) => [humanize(s.status), s.count])}
          />
        </ReportSection>
        <ReportSection title="Ageing of open issues" csv={csv('ageing')}>
          <Table head={['Age', 'Open']} rows={report.ageing.map((a) => [a.bucket, a.count])} />
        </ReportSection>
        <ReportSection title="Reopen and regression rates" csv={csv('rates')}>
          <Table
            head={['Measure', 'Count', 'Of', 'Rate']}
            rows={[
              ['Reopened', report.reopenRate.count, report.reopenRate.of, percent(report.reopenRate.rate)],
              [
                'Regressed',
                report.regressionRate.count,
                report.regressionRate.of,
                percent(report.regressionRate.rate),
              ],
            ]}
          />
        </ReportSection>
        {report.slaCompliance.tracked && (
          <ReportSection title="SLA compliance" csv={csv('sla-compliance')}>
            <Table
              head={['Clock', 'Priority', 'Met', 'Breached', 'Compliance']}
              rows={report.slaCompliance.rows.map((r) => [
                r.metric === 'first_response' ? 'First response' : 'Resolution',
                r.priority === null ? 'All' : humanize(r.priority),
                r.met,
                r.breached,
                percent(r.rate),
              ])}
            />
            <p className="faint">
              Clocks met or breached in the period; {report.slaCompliance.openBreaches} breached clock
              {report.slaCompliance.openBreaches === 1 ? ' is' : 's are'} still open.
            </p>
          </ReportSection>
        )}
        <ReportSection title="Top machine-found issues" csv={csv('top-machine-issues')}>
          <Table
            head={['Issue', 'Users', 'Events']}
            rows={report.topMachineIssues.map((i) => [
              <Link key={i.key} to={`/issue/${i.key}`}>
                {i.key} {i.title}
              </Link>,
              i.users,
              i.events,
            ])}
          />
        </ReportSection>
      </div>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="report-stat">
      <div className="report-stat-value">{value}</div>
      <div className="muted">{label}</div>
    </div>
  );
}

function ReportSection({ title, csv, children }: { title: string; csv: string; children: ReactNode }) {
  return (
    <section className="report-section" aria-label={title}>
      <div className="report-section-head">
        <h3>{title}</h3>
        <a className="btn btn-sm" href={csv} download>
          CSV
        </a>
      </div>
      {children}
    </section>
  );
}

function Table({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={head.length} className="muted">
              None in this period
            </td>
          </tr>
        )}
        {rows.map((row, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed report table have no identity of their own
          <tr key={n}>
            {row.map((cell, m) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
              <td key={m}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
