import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { api, qs } from '../api/client.ts';
import { ProjectPicker } from '../components/project-picker.tsx';
import { ErrorState, Spinner } from '../components/ui.tsx';
import { cssVar, UPlotChart } from '../components/uplot-chart.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { formatMetric } from '../lib/format.ts';
import { PerformanceSettingsForm } from './performance-settings.tsx';
import './performance.css';

type Pcts = { count: number; p50: number | null; p75: number | null; p95: number | null };
type Target = Pcts & {
  metric: string;
  target: string;
  byRelease: (Pcts & { value: string | null })[];
  byBrowser: (Pcts & { value: string | null })[];
  hourly: (Pcts & { hour: string })[];
};
/** GET /api/v1/projects/:key/performance (server/src/commands/performance.ts). */
type PerformanceData = { timeZone: string; from: string; to: string; targets: Target[] };

const RANGES = [
  { hours: 24, label: '24 h' },
  { hours: 24 * 7, label: '7 days' },
  { hours: 24 * 30, label: '30 days' },
];
const METRICS = ['api', 'LCP', 'INP', 'CLS', 'FCP', 'TTFB', 'load', 'dom_content_loaded'];

/** Per project: every route and endpoint with p50/p75/p95 and counts, a chart of the chosen one. */
export function PerformancePage() {
  const current = useCurrentProject();
  const [hours, setHours] = useState(24 * 7);
  const [metric, setMetric] = useState('api');
  const [selected, setSelected] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['performance', current.key, hours, metric],
    enabled: !!current.key,
    queryFn: () => api<PerformanceData>(`/projects/${current.key}/performance${qs({ hours, metric })}`),
  });
  const targets = q.data?.targets ?? [];
  const chosen = targets.find((t) => t.target === selected) ?? targets[0] ?? null;
  return (
    <div className="page perf-page">
      <header className="page-head">
        <h1>Performance</h1>
        <ProjectPicker current={current} />
        <select
          className="select-inline"
          aria-label="Metric"
          value={metric}
          onChange={(e) => setMetric(e.target.value)}
        >
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {m === 'api' ? 'API calls' : m}
            </option>
          ))}
        </select>
        <select
          className="select-inline"
          aria-label="Range"
          value={hours}
          onChange={(e) => setHours(Number(e.target.value))}
        >
          {RANGES.map((r) => (
            <option key={r.hours} value={r.hours}>
              {r.label}
            </option>
          ))}
        </select>
        {q.data && (
          <span className="faint">slowdowns judged in {q.data.timeZone}; chart in your local time</span>
        )}
      </header>
      {current.key && <PerformanceSettingsForm projectKey={current.key} />}
      {q.isLoading && <Spinner label="Loading performance" />}
      {q.error && <ErrorState error={q.error} retry={() => q.refetch()} />}
      {q.data && targets.length === 0 && (
        <p className="faint">
          No {metric === 'api' ? 'API call timings' : `${metric} measurements`} in this range. The browser SDK
          sends web vitals and page loads by default, API timings with <code>tracesSampleRate</code>.
        </p>
      )}
      {chosen && <TargetChart t={chosen} />}
      {targets.length > 0 && (
        <table className="perf-table" data-testid="perf-table">
          <thead>
            <tr>
              <th scope="col">{metric === 'api' ? 'endpoint' : 'route'}</th>
              <th scope="col">count</th>
              <th scope="col">p50</th>
              <th scope="col">p75</th>
              <th scope="col">p95</th>
              <th scope="col">slowest release (p75)</th>
              <th scope="col">slowest browser (p75)</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((t) => {
              const slowRelease = [...t.byRelease].sort((a, b) => (b.p75 ?? 0) - (a.p75 ?? 0))[0];
              const slowBrowser = [...t.byBrowser].sort((a, b) => (b.p75 ?? 0) - (a.p75 ?? 0))[0];
              return (
                <tr
                  key={t.target}
                  className={t === chosen ? 'selected' : undefined}
                  onClick={() => setSelected(t.target)}
                  tabIndex={0}
                  onKeyDown={(e) => e.key === 'Enter' && setSelected(t.target)}
                >
                  <td className="mono">{t.target}</td>
                  <td>{t.count}</td>
                  <td>{formatMetric(t.metric, t.p50)}</td>
                  <td>{formatMetric(t.metric, t.p75)}</td>
                  <td>{formatMetric(t.metric, t.p95)}</td>
                  <td>
                    {slowRelease
                      ? `${slowRelease.value ?? '—'} · ${formatMetric(t.metric, slowRelease.p75)}`
                      : '—'}
                  </td>
                  <td>
                    {slowBrowser
                      ? `${slowBrowser.value ?? '—'} · ${formatMetric(t.metric, slowBrowser.p75)}`
                      : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

function TargetChart({ t }: { t: Target }) {
  const data = useMemo<uPlot.AlignedData>(
    () => [
      t.hourly.map((h) => Date.parse(h.hour) / 1000),
      t.hourly.map((h) => h.p50),
      t.hourly.map((h) => h.p75),
      t.hourly.map((h) => h.p95),
    ],
    [t],
  );
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const faint = cssVar('--faint', '#888');
    const accent = cssVar('--accent', '#5b6cff');
    const warning = cssVar('--warning', '#d98f00');
    const danger = cssVar('--danger', '#d33');
    const fmt = (v: number | null) => formatMetric(t.metric, v);
    return {
      scales: { x: { time: true } },
      axes: [
        { stroke: faint, grid: { stroke: 'rgba(128,128,128,0.12)' } },
        { stroke: faint, size: 56, values: (_u, vals) => vals.map((v) => fmt(v)) },
      ],
      series: [
        {},
        { label: 'p50', stroke: accent, value: (_u, v) => fmt(v), spanGaps: false },
        { label: 'p75', stroke: warning, width: 2, value: (_u, v) => fmt(v), spanGaps: false },
        { label: 'p95', stroke: danger, value: (_u, v) => fmt(v), spanGaps: false },
      ],
    };
  }, [t.metric]);
  return (
    <figure className="perf-chart">
      <figcaption className="mono">
        {t.metric} · {t.target}
      </figcaption>
      <UPlotChart
        options={options}
        data={data}
        height={220}
        testId="perf-chart"
        label={`p50, p75 and p95 of ${t.metric} for ${t.target} per hour`}
        attrs={{ 'data-points': t.hourly.length }}
      />
    </figure>
  );
}
