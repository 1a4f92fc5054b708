import type { PastResolutions as Past } from '@closeloop/shared/api/past-resolutions';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { ResolutionName } from './resolution-name.tsx';

/**
 * The closest closed issues and how they were resolved (similarity engine, server:
 * /past-resolutions): on an open issue's page and in the close dialog, so the fix and the lessons
 * of the last time are at hand.
 */
export function PastResolutions({
  issueKey,
  heading = 'How similar issues were resolved',
}: {
  issueKey: string;
  heading?: string;
}) {
  const q = useQuery({
    queryKey: ['past-resolutions', issueKey],
    queryFn: () => api<Past>(`/issues/${issueKey}/past-resolutions?limit=3`),
    staleTime: 30_000,
  });
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-label="Closest past issues" className="similar-panel past-resolutions">
      <h3>{heading}</h3>
      <ul className="similar-list">
        {items.map((p) => (
          <li key={p.key} className="similar-row" data-testid="past-resolution">
            <Link to={`/issue/${p.key}`} className="mono">
              {p.key}
            </Link>{' '}
            <span>{p.title}</span>{' '}
            <span className="faint">
              <ResolutionName issueKey={p.key} resolution={p.resolution} />
            </span>
            {p.resolutionNote && <div className="similar-note">{p.resolutionNote.slice(0, 300)}</div>}
            {p.lessons?.rootCause && (
              <div className="similar-note faint">Root cause: {p.lessons.rootCause.slice(0, 300)}</div>
            )}
            {p.lessons?.prevention && (
              <div className="similar-note faint">Prevention: {p.lessons.prevention.slice(0, 300)}</div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
