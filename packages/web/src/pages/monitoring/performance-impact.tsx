import { formatMetric } from '../../lib/format.ts';
import type { Conversion, FlowImpact, PerformanceFinding } from './monitoring-data.ts';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

/** What the slowdown rule found: the sentence, p75 against baseline and threshold. */
export function PerformanceFindingView({ f }: { f: PerformanceFinding }) {
  return (
    <div className="mon-block" data-testid="performance-finding">
      <h3>
        Slowdown{' '}
        <span className="faint">
          {f.reason === 'threshold' ? 'over the “poor” threshold' : 'over its baseline'}
        </span>
      </h3>
      <p className="mon-finding">{f.description}</p>
      <div className="mon-stats">
        <div className="mon-stat">
          <span className="mon-stat-value">{formatMetric(f.metric, f.p75)}</span>
          <span className="mon-stat-label">p75 ({f.metric})</span>
        </div>
        <div className="mon-stat">
          <span className="mon-stat-value">{formatMetric(f.metric, f.baseline)}</span>
          <span className="mon-stat-label">baseline</span>
        </div>
        <div className="mon-stat">
          <span className="mon-stat-value">
            {f.window.from}–{f.window.to}
          </span>
          <span className="mon-stat-label">{f.timeZone}</span>
        </div>
        <div className="mon-stat">
          <span className="mon-stat-value">
            {f.slowDays} / {f.days}
          </span>
          <span className="mon-stat-label">days slow</span>
        </div>
      </div>
    </div>
  );
}

function Row({ label, c }: { label: string; c: Conversion }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{c.entered}</td>
      <td>{c.completed}</td>
      <td>{pct(c.rate)}</td>
      <td>{pct(c.abandonment)}</td>
    </tr>
  );
}

/** Conversion through each project flow: the sessions beside the others of the same days. */
export function FlowImpactView({ flows }: { flows: FlowImpact[] }) {
  if (flows.length === 0) return null;
  return (
    <div className="mon-block" data-testid="flow-impact">
      <h3>Flows</h3>
      {flows.map((f) => (
        <table key={f.name} className="mon-table">
          <caption>
            {f.name} <span className="faint mono">{f.steps.join(' → ')}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">sessions</th>
              <th scope="col">entered</th>
              <th scope="col">completed</th>
              <th scope="col">conversion</th>
              <th scope="col">abandoned</th>
            </tr>
          </thead>
          <tbody>
            <Row label="affected" c={f.affected} />
            <Row label="not affected" c={f.unaffected} />
          </tbody>
        </table>
      ))}
    </div>
  );
}
