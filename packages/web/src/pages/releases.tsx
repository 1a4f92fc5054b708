import type { ReleaseIssues } from '@closeloop/shared/api/release-issues';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { ProjectPicker } from '../components/project-picker.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { humanize, relativeTime } from '../lib/format.ts';

type Release = ReleaseIssues['items'][number];

/**
 * `/releases`: per release of the project (newest first), its sessions, the issues it brought,
 * those that regressed in it, and the fixes it shipped with their verification (server:
 * /projects/:key/releases/issues, verdicts from core/closure/verification).
 */
export function ReleasesPage() {
  const current = useCurrentProject();
  const q = useQuery({
    queryKey: ['release-issues', current.key],
    enabled: !!current.key,
    queryFn: () => api<ReleaseIssues>(`/projects/${current.key}/releases/issues`),
  });
  return (
    <div className="page">
      <header className="page-head">
        <h1>Releases</h1>
        <ProjectPicker current={current} />
      </header>
      {q.isLoading && <Spinner label="Loading releases" />}
      {q.error && <ErrorState error={q.error} retry={() => q.refetch()} />}
      {q.data?.items.length === 0 && (
        <EmptyState title="No release seen yet">
          Releases appear when events or sessions carry one.
        </EmptyState>
      )}
      {q.data?.items.map((r) => (
        <ReleaseCard key={r.release} r={r} />
      ))}
    </div>
  );
}

function ReleaseCard({ r }: { r: Release }) {
  return (
    <section className="release-card" aria-label={`Release ${r.release}`} style={{ marginBottom: 24 }}>
      <h2 style={{ fontSize: 15, marginBottom: 4 }}>
        <span className="mono">{r.release}</span>{' '}
        <span className="faint" style={{ fontWeight: 400 }}>
          {r.firstSeen ? `first seen ${relativeTime(r.firstSeen)}` : 'not seen in events'} · {r.sessions}{' '}
          sessions
        </span>
      </h2>
      <IssueList title="Fixed in this release" empty="No fix shipped in it">
        {r.resolved.map((i) => (
          <li key={i.key} className="similar-row" data-testid="release-fix">
            <Link to={`/issue/${i.key}`} className="mono">
              {i.key}
            </Link>{' '}
            {i.title}{' '}
            <span className={`badge verification-${i.verification.state}`}>
              {humanize(i.verification.state)}
            </span>
            <div className="similar-note faint">{i.verification.evidence}</div>
          </li>
        ))}
      </IssueList>
      <IssueList title="Regressed" empty="No regression">
        {r.regressed.map((i) => (
          <li key={i.key} className="similar-row">
            <Link to={`/issue/${i.key}`} className="mono">
              {i.key}
            </Link>{' '}
            {i.title}
          </li>
        ))}
      </IssueList>
      <IssueList title="New issues" empty="No new issue">
        {r.newIssues.map((i) => (
          <li key={i.key} className="similar-row">
            <Link to={`/issue/${i.key}`} className="mono">
              {i.key}
            </Link>{' '}
            {i.title}
          </li>
        ))}
      </IssueList>
    </section>
  );
}

function IssueList({
  title,
  empty,
  children,
}: {
  title: string;
  empty: string;
  children: React.ReactNode[];
}) {
  return (
    <section aria-label={title}>
      <h3 style={{ fontSize: 13, margin: '8px 0 2px' }}>
        {title} ({children.length})
      </h3>
      {children.length === 0 ? (
        <p className="faint">{empty}</p>
      ) : (
        <ul className="similar-list">{children}</ul>
      )}
    </section>
  );
}
