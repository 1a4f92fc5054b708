import { Link } from 'react-router';
import { relativeTime } from '../../lib/format.ts';
import type { Monitoring } from './monitoring-data.ts';

/** How long after the (first) click the failure came. */
const gap = (from: string | null, to: string | null) =>
  from && to
    ? `failed ${Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000).toFixed(1)} s after the click`
    : '';

/**
 * Rage and dead clicks that ran into this error or failed request (docs/grouping.md): evidence
 * on this issue instead of frustration issues of their own, each with its session's replay
 * opened at the clicks.
 */
export function FrustrationEvidence({ m }: { m: Monitoring }) {
  const f = m.frustrationBefore;
  if (!f || f.summary.length === 0) return null;
  const projectKey = m.issueKey.split('-')[0] ?? '';
  return (
    <div className="mon-block" data-testid="frustration-evidence">
      <h3>Frustration just before</h3>
      <ul className="mon-evidence-summary">
        {f.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <ul className="sessions">
        {f.items.map((e) => {
          const what = `${e.type === 'rage_click' ? `rage click (${e.clickCount}×)` : 'dead click'} on ${e.text ? `"${e.text}" ` : ''}${e.selector}`;
          return (
            <li key={e.eventId}>
              <span>
                {e.hasReplay ? (
                  <Link
                    className="mono"
                    to={`/projects/${projectKey}/sessions/${encodeURIComponent(e.sessionId)}${e.clickedAt ? `?t=${Date.parse(e.clickedAt)}` : ''}`}
                    title="Open the replay at the clicks"
                  >
                    ▶ {e.sessionId}
                  </Link>
                ) : (
                  <span className="mono" title="No recording of this session">
                    {e.sessionId}
                  </span>
                )}{' '}
                · {what} at {e.route} · {gap(e.clickedAt, e.failureAt)}
              </span>
              <span className="faint">{e.clickedAt ? relativeTime(e.clickedAt) : ''}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
