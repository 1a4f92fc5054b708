import type { Issue } from '@closeloop/shared/api/issues';
import type { issueCommitsSchema } from '@closeloop/shared/api/repository-hooks';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../api/client.ts';
import { relativeTime } from '../lib/format.ts';

type Commits = z.infer<typeof issueCommitsSchema>;

/** Commits and pull/merge requests linked to the issue by the repository hook (hidden while there are none). */
export function IssueCommits({ issue }: { issue: Issue }) {
  const q = useQuery({
    queryKey: ['commits', issue.key, issue.version],
    queryFn: () => api<Commits>(`/issues/${issue.key}/commits`),
  });
  const items = q.data?.items ?? [];
  const prs = q.data?.pullRequests ?? [];
  if (items.length === 0 && prs.length === 0) return null;
  return (
    <section aria-label="Linked changes" className="similar-panel">
      {prs.length > 0 && (
        <>
          <h3>Pull requests</h3>
          <ul className="similar-list">
            {prs.map((p) => (
              <li
                key={`${p.repository}#${p.number}`}
                className="similar-row"
                data-testid="linked-pull-request"
              >
                {p.url ? (
                  <a href={p.url} target="_blank" rel="noreferrer" className="mono">
                    {p.provider === 'gitlab' ? '!' : '#'}
                    {p.number}
                  </a>
                ) : (
                  <span className="mono">#{p.number}</span>
                )}{' '}
                <span>{p.title}</span> <span className={`badge pr-${p.state}`}>{p.state}</span>{' '}
                <span className="faint">
                  {[
                    p.repository,
                    p.author,
                    p.sourceBranch && p.targetBranch ? `${p.sourceBranch} → ${p.targetBranch}` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {items.length > 0 && <h3>Linked commits</h3>}
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
