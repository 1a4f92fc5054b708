import { Link } from 'react-router';
import { relativeTime } from '../../lib/format.ts';
import { type Facet, type IngestEvent, type Monitoring, percent } from './monitoring-data.ts';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The last clicks, navigations, requests and console lines before the event, oldest first. */
export function Breadcrumbs({ event }: { event: IngestEvent }) {
  const crumbs = event.breadcrumbs ?? [];
  if (!crumbs.length) return <p className="faint">No breadcrumbs were recorded before this event.</p>;
  return (
    <ol className="crumbs" data-testid="breadcrumbs">
      {crumbs.map((b, i) => {
        const data = b.data as Record<string, unknown> | undefined;
        const detail =
          b.message ??
          (data?.url
            ? `${String(data.method ?? 'GET')} ${String(data.url)} ${String(data.status ?? '')}`
            : '');
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: breadcrumbs are an immutable log
          <li key={i} className={`crumb crumb-${b.type}${b.level === 'error' ? ' crumb-error' : ''}`}>
            <span className="crumb-dot" aria-hidden="true" />
            <span className="crumb-type">{b.category ?? b.type}</span>
            <span className="crumb-msg mono">{detail}</span>
            <time className="faint" dateTime={new Date(b.timestamp).toISOString()}>
              {clock.format(b.timestamp)}
            </time>
          </li>
        );
      })}
      <li className="crumb crumb-error crumb-last">
        <span className="crumb-dot" aria-hidden="true" />
        <span className="crumb-type">{event.type.replace('_', ' ')}</span>
        <span className="crumb-msg mono">this event</span>
        <time className="faint">{clock.format(event.timestamp)}</time>
      </li>
    </ol>
  );
}

/** What failed: the request of a network issue, or the clicked element of a frustration issue. */
export function RequestAndClick({ event }: { event: IngestEvent }) {
  const rows: [string, string][] = [];
  if (event.request) {
    const r = event.request;
    rows.push(['Request', `${r.method} ${r.url}`]);
    rows.push(['Status', r.status ? String(r.status) : 'no answer']);
    if (r.duration_ms !== undefined) rows.push(['Duration', `${Math.round(r.duration_ms)} ms`]);
    if (r.error) rows.push(['Error', r.error]);
  }
  if (event.click) {
    rows.push(['Element', event.click.selector]);
    if (event.click.text) rows.push(['Text', event.click.text]);
    rows.push([
      'Signal',
      event.type === 'rage_click'
        ? `rage click: ${event.click.count ?? '3+'} clicks in a burst`
        : event.type === 'dead_click'
          ? 'dead click: nothing on the page reacted'
          : event.type,
    ]);
  }
  if (!rows.length) return null;
  return (
    <dl className="kv" data-testid={event.request ? 'request-details' : 'click-details'}>
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd className="mono">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Page, browser, OS, user, release of one sample. */
export function EventContext({ event }: { event: IngestEvent }) {
  const c = event.contexts ?? {};
  const name = (o: Record<string, unknown> | undefined) =>
    o ? [o.name, o.version].filter((x) => x !== undefined && x !== '').join(' ') : '';
  const all: [string, string][] = [
    ['Page', event.url ?? ''],
    ['Route', event.route ?? ''],
    ['Browser', name(c.browser)],
    ['OS', name(c.os)],
    ['User', event.user?.id ?? event.user?.email ?? event.user?.username ?? ''],
    ['Session', event.session_id ?? ''],
    ['Release', event.release ?? ''],
    ['Environment', event.environment ?? ''],
    ...Object.entries(event.tags ?? {}).map(([k, v]): [string, string] => [k, v]),
  ];
  const rows = all.filter(([, v]) => v);
  return (
    <dl className="kv">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd className="mono">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

const FACETS: [string, string][] = [
  ['browser', 'Browser'],
  ['os', 'OS'],
  ['release', 'Release'],
  ['environment', 'Environment'],
  ['url', 'URL'],
  ['route', 'Route'],
];

/** Each facet's values as bars with their share of the issue's events. */
export function TagDistribution({ facets }: { facets: Record<string, Facet[]> }) {
  const present = FACETS.filter(([k]) => facets[k]?.length);
  const extra = Object.keys(facets).filter((k) => !FACETS.some(([f]) => f === k) && facets[k]?.length);
  const all: [string, string][] = [...present, ...extra.map((k): [string, string] => [k, k])];
  if (!all.length) return <p className="faint">No tags yet.</p>;
  return (
    <div className="tags-grid" data-testid="tags">
      {all.map(([k, label]) => {
        const values = [...(facets[k] ?? [])].sort((a, b) => b.count - a.count);
        const total = values.reduce((n, v) => n + v.count, 0);
        return (
          <div key={k} className="tag-facet">
            <div className="tag-name">{label}</div>
            {values.slice(0, 5).map((v) => (
              <div key={v.value} className="tag-row" title={`${v.value}: ${v.count} of ${total}`}>
                <div className="tag-bar" style={{ width: `${(v.count / (total || 1)) * 100}%` }} />
                <span className="tag-value">{v.value || '(empty)'}</span>
                <span className="tag-pct">{percent(v.count, total)}</span>
              </div>
            ))}
            {values.length > 5 && <div className="faint">+{values.length - 5} more</div>}
          </div>
        );
      })}
    </div>
  );
}

export function Sessions({
  sessions,
  total,
  projectKey,
}: {
  sessions: Monitoring['sessions'];
  total: number;
  projectKey: string;
}) {
  if (!sessions.length) return <p className="faint">No session ids were sent with these events.</p>;
  return (
    <>
      <ul className="sessions" data-testid="sessions">
        {sessions.map((s) => (
          <li key={s.sessionId}>
            {s.hasReplay ? (
              // Opens the replay at the moment this session first ran into the issue.
              <Link
                className="mono"
                to={`/projects/${projectKey}/sessions/${encodeURIComponent(s.sessionId)}${s.firstSeen ? `?t=${Date.parse(s.firstSeen)}` : ''}`}
              >
                ▶ {s.sessionId}
              </Link>
            ) : (
              <span className="mono" title="No recording of this session">
                {s.sessionId}
              </span>
            )}
            <span className="faint">{s.firstSeen ? relativeTime(s.firstSeen) : ''}</span>
          </li>
        ))}
      </ul>
      {total > sessions.length && (
        <p className="faint">
          Showing {sessions.length} of {total} sessions.
        </p>
      )}
    </>
  );
}
