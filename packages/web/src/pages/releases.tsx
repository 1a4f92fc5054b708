import type { ReleaseIssues } from '@closeloop/shared/api/release-issues';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { ProjectPicker } from '../components/project-picker.tsx';
import { TimeChart } from '../components/time-chart.tsx';
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
      <Adoption r={r} />
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

/** Sessions per day on this release over the last 30 days (server: UTC days, zeros included). */
function Adoption({ r }: { r: Release }) {
  const chart = useMemo(
    () => ({
      x: r.adoption.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000),
      series: [
        {
          label: 'Sessions',
          values: r.adoption.map((d) => d.sessions),
          color: '#6e79d6',
          kind: 'bars' as const,
        },
      ],
    }),
    [r.adoption],
  );
  const total = r.adoption.reduce((n, d) => n + d.sessions, 0);
  return (
    <section aria-label="Adoption" data-testid="release-adoption" data-sessions={total}>
      <h3 style={{ fontSize: 13, margin: '8px 0 2px' }}>Adoption ({total} sessions in the last 30 days)</h3>
      {total === 0 ? (
        <p className="faint">No session in the last 30 days</p>
      ) : (
        <TimeChart
          x={chart.x}
          series={chart.series}
          height={120}
          label={`Sessions per day on ${r.release}: ${total} in the last 30 days`}
        />
      )}
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
