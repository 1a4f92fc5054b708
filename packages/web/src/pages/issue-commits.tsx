import type { Issue } from '@closeloop/shared/api/issues';
import type { issueCommitsSchema } from '@closeloop/shared/api/repository-hooks';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../api/client.ts';
import { relativeTime } from '../lib/format.ts';

type Commits = z.infer<typeof issueCommitsSchema>;

/** Commits linked to the issue by the push hook (hidden while there are none). */
export function IssueCommits({ issue }: { issue: Issue }) {
  const q = useQuery({
    queryKey: ['commits', issue.key, issue.version],
    queryFn: () => api<Commits>(`/issues/${issue.key}/commits`),
  });
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-label="Linked commits" className="similar-panel">
      <h3>Linked commits</h3>
      <ul className="similar-list">
        {items.map((c) => (
          <li key={c.sha} className="similar-row" data-testid="linked-commit">
            {c.url ? (
              <a href={c.url} target="_blank" rel="noreferrer" className="mono">
                {c.sha.slice(0, 10)}
              </a>
            ) : (
              <span className="mono">{c.sha.slice(0, 10)}</span>
            )}{' '}
            <span>{c.message.split('\n')[0]}</span> {c.fixes && <span className="badge">fixes</span>}{' '}
            <span className="faint">
              {[c.author, c.branch, c.committedAt ? relativeTime(c.committedAt) : null]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
