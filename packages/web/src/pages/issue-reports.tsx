import { GAP_LABEL } from '@closeloop/core/intake/report-quality';
import type { Issue } from '@closeloop/shared/api/issues';
import type { UserReportList, UserReportView } from '@closeloop/shared/api/user-reports';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { relativeTime } from '../lib/format.ts';
import { AskReporter } from './issue-report-question.tsx';
import './issue-reports.css';

/** The reports filed into an issue (one query, shared by the panel and the comment composer). */
export function useIssueReports(issueKey: string) {
  return useQuery({
    queryKey: ['user-reports', issueKey],
    queryFn: () => api<UserReportList>(`/issues/${issueKey}/user-reports`),
  });
}

/**
 * Reports people sent into this issue (feedback widget, public form, email; issue 17): their words,
 * the files they attached, what a useful report still lacks, and the evidence the SDK attached
 * (replay, errors, console, network, what they did, environment). Shown only when there are reports.
 */
export function IssueReports({ issue }: { issue: Issue }) {
  const q = useIssueReports(issue.key);
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  const plusOnes = items.filter((r) => r.outcome === 'plus_one').length;
  return (
    <section aria-label="User reports" className="user-reports" style={{ marginTop: 20 }}>
      <h3>
        User reports{' '}
        <span className="faint">
          ({items.length}
          {plusOnes ? ` · ${plusOnes} +1` : ''})
        </span>
      </h3>
      <ol>
        {items.map((r) => (
          <ReportItem key={r.id} r={r} projectKey={issue.projectKey} issueKey={issue.key} />
        ))}
      </ol>
    </section>
  );
}

/** The image types the server serves inline (commands/report-attachments.ts); anything else is a download. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const SOURCE_LABEL: Record<UserReportView['source'], string> = {
  widget: 'feedback widget',
  form: 'public form',
  email: 'email',
  sentry: 'Sentry SDK feedback',
};

function ReportItem({
  r,
  projectKey,
  issueKey,
}: {
  r: UserReportView;
  projectKey: string;
  issueKey: string;
}) {
  const who = r.reporter.name ?? r.reporter.email ?? r.reporter.user ?? 'Anonymous';
  const env = r.environment;
  const facts: Array<[string, string | null]> = [
    ['Page', env.url],
    ['Browser', env.browser],
    ['OS', env.os],
    ['Viewport', env.viewport],
    ['Release', env.release],
    ['Environment', env.environment],
    ['User', r.reporter.user],
    ['Email', r.reporter.email],
  ];
  return (
    <li className="user-report" data-testid="user-report">
      <div className="user-report-head">
        <strong>{who}</strong>
        <span className="faint">
          {relativeTime(r.createdAt)} · by {SOURCE_LABEL[r.source]}
        </span>
        {r.outcome === 'plus_one' && <span className="badge">+1 (matched this issue)</span>}
        {r.sessionId &&
          (r.hasReplay ? (
            <Link
              className="btn btn-sm"
              to={`/projects/${projectKey}/sessions/${encodeURIComponent(r.sessionId)}?t=${Date.parse(r.createdAt)}`}
            >
              ▶ Watch replay
            </Link>
          ) : (
            <span className="faint" title={`Session ${r.sessionId}`}>
              no recording
            </span>
          ))}
      </div>
      <p className="user-report-words">{r.description}</p>
      <dl className="user-report-answers">
        {r.steps && <Answer label="Steps" text={r.steps} />}
        {r.expected && <Answer label="Expected" text={r.expected} />}
        {r.actual && <Answer label="What happened" text={r.actual} />}
      </dl>
      {r.gaps.length > 0 && (
        <p className="user-report-gaps" role="note">
          Missing: {r.gaps.map((g) => GAP_LABEL[g]).join(', ')}
        </p>
      )}
      <AskReporter r={r} issueKey={issueKey} />
      <dl className="user-report-env" aria-label="Environment">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      {r.attachments.length > 0 && (
        <ul className="user-report-files" aria-label="Attachments">
          {r.attachments.map((f) => {
            const href = `/api/v1/issues/${encodeURIComponent(issueKey)}/user-reports/attachments/${f.id}`;
            return (
              <li key={f.id}>
                {/* A screenshot (the server serves only plain image types inline) is seen at once. */}
                {INLINE_IMAGES.has(f.contentType) && (
                  <a href={href} target="_blank" rel="noreferrer">
                    <img className="user-report-shot" src={href} alt={f.filename} loading="lazy" />
                  </a>
                )}
                <a href={href} download={f.filename}>
                  {f.filename}
                </a>{' '}
                <span className="faint">{formatBytes(f.size)}</span>
              </li>
            );
          })}
        </ul>
      )}
      <Trail title="Errors" items={r.errors} />
      <Trail title="Console" items={r.console} />
      <Trail title="Network" items={r.network} />
      <Trail title="What they did" items={r.trail} />
    </li>
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function Answer({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{text}</dd>
    </div>
  );
}

function Trail({ title, items }: { title: string; items: UserReportView['errors'] }) {
  if (items.length === 0) return null;
  return (
    <details className="user-report-trail" open={title !== 'What they did'}>
      <summary>
        {title} ({items.length})
      </summary>
      <ul aria-label={title}>
        {items.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a report's trail is fixed and never reordered; two crumbs may share time and text
          <li key={i} className={c.level === 'error' ? 'is-error' : undefined}>
            <span className="faint mono">{new Date(c.timestamp).toLocaleTimeString()}</span>{' '}
            <span className="mono">{c.message}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
