import type { Issue } from '@closeloop/shared/api/issues';
import type { Recurrence } from '@closeloop/shared/api/recurrence';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { ResolutionName } from '../components/resolution-name.tsx';
import { relativeTime } from '../lib/format.ts';

/**
 * The top of a recurring issue's page: the closed issue it repeats (found by the similarity
 * engine when this one was created, server: /issues/:key/recurrence), how that one was resolved
 * and what was learned from it, so the last fix is the first thing read.
 */
export function IssueRecurrence({ issue }: { issue: Issue }) {
  const q = useQuery({
    queryKey: ['recurrence', issue.key],
    queryFn: () => api<Recurrence>(`/issues/${issue.key}/recurrence`),
    staleTime: 30_000,
  });
  const r = q.data?.recurrence;
  if (!r) return null;
  const lessons = r.lessons;
  const rows: [string, string][] = lessons
    ? [
        ['Root cause', lessons.rootCause],
        ['What fixed it', lessons.fix],
        ['What will prevent it', lessons.prevention],
        ['What happened', lessons.whatHappened],
        ['Impact', lessons.impact],
      ]
    : [];
  return (
    <section aria-label="Recurrence" className="alert alert-warning" style={{ marginBottom: 16 }}>
      <strong>
        This looks like{' '}
        <Link to={`/issue/${r.key}`} className="mono">
          {r.key}
        </Link>{' '}
        again
      </strong>{' '}
      <span className="faint">
        ({r.title}; <ResolutionName issueKey={r.key} resolution={r.resolution} />
        {r.closedAt ? ` ${relativeTime(r.closedAt)}` : ''})
      </span>
      {r.resolutionNote && <div className="similar-note">{r.resolutionNote.slice(0, 500)}</div>}
      {rows.some(([, v]) => v) && (
        <dl className="recurrence-lessons" style={{ margin: '8px 0 0' }}>
          {rows
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div key={k}>
                <dt style={{ fontWeight: 600, display: 'inline' }}>{k}: </dt>
                <dd style={{ display: 'inline', margin: 0 }}>{v.slice(0, 500)}</dd>
              </div>
            ))}
        </dl>
      )}
    </section>
  );
}
