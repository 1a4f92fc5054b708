import { useState } from 'react';
import { api } from '../api/client.ts';
import { useProjects } from '../api/hooks.ts';
import { Spinner } from '../components/ui.tsx';
import { useSubmit } from './settings-form.ts';

type Deleted = { events: number; sessions: number; replays: number; reports: number };

/**
 * Privacy requests: an admin deletes what a project stored about one end user of the monitored
 * app (events, sessions, replays, user reports), named as the SDK reported them.
 */
export function PrivacyTab() {
  const projects = useProjects();
  const [done, setDone] = useState<{ who: string; counts: Deleted } | null>(null);
  const form = useSubmit(async (f) => {
    const project = String(f.get('project'));
    const by = String(f.get('by'));
    const value = String(f.get('value')).trim();
    if (
      !confirm(
        `Delete every event, session, replay and report of ${value} in ${project}? This cannot be undone.`,
      )
    )
      return;
    const counts = await api<Deleted>(`/projects/${encodeURIComponent(project)}/end-user-data/delete`, {
      method: 'POST',
      body: by === 'email' ? { email: value } : { userId: value },
    });
    setDone({ who: value, counts });
  });
  if (projects.isPending) return <Spinner />;
  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title">Delete an end user’s data</h2>
      <p className="muted">
        When someone who uses your app asks to be forgotten: their events, sessions, replays and reports in
        one project are deleted. Issues stay; the audit log records the request without naming them.
      </p>
      <form onSubmit={form.onSubmit} aria-label="Delete an end user’s data" style={{ maxWidth: 460 }}>
        <label className="field">
          <span>Project</span>
          <select className="input" name="project" required>
            {(projects.data ?? []).map((p) => (
              <option key={p.key} value={p.key}>
                {p.name} ({p.key})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Identify them by</span>
          <select className="input" name="by" defaultValue="userId">
            <option value="userId">User id (as the SDK reported it)</option>
            <option value="email">Email (as the SDK reported it)</option>
          </select>
        </label>
        <label className="field">
          <span>User id or email</span>
          <input className="input" name="value" required maxLength={320} autoComplete="off" />
        </label>
        <button className="btn btn-danger" type="submit" disabled={form.busy}>
          {form.busy ? 'Deleting…' : 'Delete their data'}
        </button>
      </form>
      {done && (
        <output className="notice" style={{ display: 'block', marginTop: 16 }}>
          Deleted for {done.who}: {done.counts.events} events, {done.counts.sessions} sessions,{' '}
          {done.counts.replays} replays, {done.counts.reports} reports.
        </output>
      )}
    </section>
  );
}
