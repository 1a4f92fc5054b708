import type { Issue } from '@closeloop/shared/api/issues';
import { useState } from 'react';
import { ErrorState, Spinner } from '../../components/ui.tsx';
import { relativeTime, shortDate } from '../../lib/format.ts';
import { EventChart } from './event-chart.tsx';
import { Breadcrumbs, EventContext, RequestAndClick, Sessions, TagDistribution } from './event-details.tsx';
import { FrustrationEvidence } from './frustration-evidence.tsx';
import { type Monitoring, samplesNewestFirst, useMonitoring } from './monitoring-data.ts';
import { FlowImpactView, PerformanceFindingView } from './performance-impact.tsx';
import { StackTrace } from './stack-trace.tsx';

/** When the event happened (its own timestamp), not when the server received it. */
function eventTime(sample: Monitoring['events'][number]): string {
  const t = sample.event.timestamp;
  return Number.isFinite(t) && t > 0
    ? new Date(t).toISOString()
    : (sample.receivedAt ?? new Date(0).toISOString());
}

import './monitoring.css';

/**
 * What monitoring knows about a machine-found issue (kind error, network, frustration…): counts,
 * the hourly chart, a sample event with its stack trace or request/click, breadcrumbs, tag
 * distributions and the affected sessions. Renders nothing for manual issues.
 */
export function MonitoringSection({ issue }: { issue: Issue }) {
  const machine = issue.kind !== 'manual';
  const q = useMonitoring(issue.key, machine);
  if (!machine || q.data === null) return null;
  if (q.isLoading) return <Spinner label="Loading monitoring data" />;
  if (q.error) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  if (!q.data) return null;
  return <MonitoringView m={q.data} />;
}

function Stat({
  label,
  value,
  testId,
  wide,
}: {
  label: string;
  value: string | number;
  testId?: string;
  wide?: boolean;
}) {
  return (
    <div className={wide ? 'mon-stat mon-stat-wide' : 'mon-stat'}>
      <span className="mon-stat-value" data-testid={testId} title={String(value)}>
        {value}
      </span>
      <span className="mon-stat-label">{label}</span>
    </div>
  );
}

function MonitoringView({ m }: { m: Monitoring }) {
  const samples = samplesNewestFirst(m);
  const [index, setIndex] = useState(0);
  const sample = samples[Math.min(index, samples.length - 1)];
  const ev = sample?.event;
  return (
    <section className="monitoring" aria-label="Monitoring" data-testid="monitoring">
      <h2 className="mon-h">
        Monitoring <span className="chip">{m.kind}</span>
        {m.regressedAt && (
          <span className="chip mon-regressed" title={`Regressed ${shortDate(m.regressedAt)}`}>
            regression · {relativeTime(m.regressedAt)}
          </span>
        )}
      </h2>
      {m.culprit && <div className="mono faint mon-culprit">{m.culprit}</div>}
      <div className="mon-stats">
        <Stat label="events" value={m.eventCount} testId="event-count" />
        <Stat label="users" value={m.userCount} />
        <Stat label="sessions" value={m.sessionCount} />
        <Stat label="first seen" value={m.firstSeen ? relativeTime(m.firstSeen) : '—'} />
        <Stat label="last seen" value={m.lastSeen ? relativeTime(m.lastSeen) : '—'} />
        <Stat
          wide
          label="releases"
          value={
            m.firstRelease && m.lastRelease && m.firstRelease !== m.lastRelease
              ? `${m.firstRelease} → ${m.lastRelease}`
              : (m.lastRelease ?? m.firstRelease ?? '—')
          }
        />
      </div>
      {m.resolvedInRelease && (
        <div className={`alert ${m.regressedAt ? 'alert-warning' : 'alert-info'}`}>
          Resolved in <strong>{m.resolvedInRelease}</strong>
          {m.regressedAt && <> — events came back from a later release {relativeTime(m.regressedAt)}.</>}
        </div>
      )}
      <EventChart hourly={m.hourly} regressedAt={m.regressedAt} />
      {m.performance && <PerformanceFindingView f={m.performance} />}
      <FlowImpactView flows={m.flows ?? []} />
      <FrustrationEvidence m={m} />

      {ev && (
        <div className="mon-block">
          <div className="mon-block-head">
            <h3>
              {index === 0 ? 'Latest event' : 'Event'}{' '}
              <span className="faint">
                <time
                  dateTime={eventTime(sample)}
                  title={shortDate(eventTime(sample))}
                  data-testid="event-time"
                >
                  {relativeTime(eventTime(sample))}
                </time>{' '}
                · {sample.eventId.slice(0, 8)}
              </span>
            </h3>
            {samples.length > 1 && (
              <div className="mon-pager">
                <button
                  type="button"
                  className="btn btn-sm"
                  disabled={index === 0}
                  onClick={() => setIndex((i) => i - 1)}
                  aria-label="Newer event"
                >
                  ‹ Newer
                </button>
                <span className="faint">
                  {index + 1} / {samples.length}
                </span>
                <button
                  type="button"
                  className="btn btn-sm"
                  disabled={index >= samples.length - 1}
                  onClick={() => setIndex((i) => i + 1)}
                  aria-label="Older event"
                >
                  Older ›
                </button>
              </div>
            )}
          </div>
          {ev.exception && <StackTrace key={sample.eventId} exception={ev.exception} />}
          {!ev.exception && ev.message && <pre className="frame-source">{ev.message.formatted}</pre>}
          <RequestAndClick event={ev} />
          <h4>Breadcrumbs</h4>
          <Breadcrumbs event={ev} />
          <h4>Context</h4>
          <EventContext event={ev} />
        </div>
      )}

      <div className="mon-block">
        <h3>Tags</h3>
        <TagDistribution facets={m.facets} />
      </div>
      <div className="mon-block">
        <h3>Affected sessions</h3>
        <Sessions sessions={m.sessions} total={m.sessionCount} projectKey={m.issueKey.split('-')[0] ?? ''} />
      </div>
    </section>
  );
}
