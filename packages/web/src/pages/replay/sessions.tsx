import type { SessionSummary } from '@closeloop/shared/api/replays';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, qs } from '../../api/client.ts';
import { ProjectPicker } from '../../components/project-picker.tsx';
import { ErrorState, Spinner } from '../../components/ui.tsx';
import { useCurrentProject } from '../../lib/current-project.ts';
import { relativeTime } from '../../lib/format.ts';
import { formatDuration } from './replay-marks.ts';
import './replay.css';

type Filters = {
  user: string;
  url: string;
  release: string;
  hasError: '' | 'true' | 'false';
  hasFrustration: '' | 'true' | 'false';
  minDuration: string;
};
const EMPTY: Filters = { user: '', url: '', release: '', hasError: '', hasFrustration: '', minDuration: '' };

/** Recorded sessions of a project, newest first, with the filters of GET /projects/:key/sessions. */
export function SessionsPage() {
  const current = useCurrentProject();
  const [f, setF] = useState<Filters>(EMPTY);
  const q = useQuery({
    queryKey: ['sessions', current.key, f],
    enabled: !!current.key,
    queryFn: () =>
      api<{ items: SessionSummary[]; nextCursor: string | null }>(
        `/projects/${current.key}/sessions${qs({ ...f, limit: 100 })}`,
      ),
  });
  const text = (name: 'user' | 'url' | 'release' | 'minDuration', label: string) => (
    <label className="session-filter">
      {label}
      <input value={f[name]} onChange={(e) => setF({ ...f, [name]: e.target.value })} aria-label={label} />
    </label>
  );
  const tri = (name: 'hasError' | 'hasFrustration', label: string) => (
    <label className="session-filter">
      {label}
      <select
        aria-label={label}
        value={f[name]}
        onChange={(e) => setF({ ...f, [name]: e.target.value as Filters['hasError'] })}
      >
        <option value="">any</option>
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    </label>
  );
  return (
    <div className="page sessions-page">
      <header className="page-head">
        <h1>Sessions</h1>
        <ProjectPicker current={current} />
      </header>
      <div className="session-filters">
        {text('user', 'User')}
        {text('url', 'URL contains')}
        {text('release', 'Release')}
        {tri('hasError', 'Has error')}
        {tri('hasFrustration', 'Has frustration')}
        {text('minDuration', 'Min. duration (s)')}
      </div>
      {q.isLoading && <Spinner label="Loading sessions" />}
      {q.error && <ErrorState error={q.error} retry={() => q.refetch()} />}
      {q.data && q.data.items.length === 0 && (
        <p className="faint">
          No recorded sessions match. Recording needs the browser SDK's replay build with <code>replay</code>{' '}
          options (docs/sdk-browser.md).
        </p>
      )}
      {q.data && q.data.items.length > 0 && (
        <table className="sessions-table" data-testid="sessions-table">
          <thead>
            <tr>
              <th>Started</th>
              <th>User</th>
              <th>First page</th>
              <th>Release</th>
              <th>Duration</th>
              <th>Errors</th>
              <th>Frustration</th>
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((s) => (
              <tr key={s.sessionId}>
                <td>
                  <Link to={`/projects/${current.key}/sessions/${encodeURIComponent(s.sessionId)}`}>
                    {relativeTime(s.startedAt)}
                  </Link>
                </td>
                <td>{s.user ?? '—'}</td>
                <td className="mono ellipsis" title={s.urls.join('\n')}>
                  {s.firstUrl}
                </td>
                <td>{s.release ?? '—'}</td>
                <td>{formatDuration(s.durationMs)}</td>
                <td>{s.errorCount || ''}</td>
                <td>{s.frustrationCount || ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
