import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useProjects, useTokens } from '../api/hooks.ts';
import type { ApiToken } from '../api/types.ts';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { relativeTime, shortDate } from '../lib/format.ts';
import { useSubmit } from './settings-form.ts';

/** What a token reaches, in words: "Full access", "Read only", "SHOP only", "SHOP only, read only". */
export function scopeText(t: Pick<ApiToken, 'readOnly' | 'project'>): string {
  if (!t.project) return t.readOnly ? 'Read only' : 'Full access';
  return t.readOnly ? `${t.project} only, read only` : `${t.project} only`;
}

/** Personal API tokens: create one (name, expiry, access, project), see what each reaches, revoke. */
export function Tokens() {
  const tokens = useTokens();
  const projects = useProjects();
  const qc = useQueryClient();
  const [created, setCreated] = useState<string | null>(null);
  const form = useSubmit(async (f) => {
    const days = Number(f.get('expiresInDays'));
    const project = String(f.get('project') ?? '');
    const t = await api<ApiToken>('/tokens', {
      method: 'POST',
      body: {
        name: f.get('name'),
        ...(days > 0 ? { expiresInDays: days } : {}),
        ...(f.get('access') === 'read' ? { readOnly: true } : {}),
        ...(project ? { project } : {}),
      },
    });
    setCreated(t.token ?? null);
    qc.invalidateQueries({ queryKey: ['tokens'] });
  });
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">Personal API tokens</h2>
      <p className="muted">
        Tokens act as you on the API and CLI: send them as <code>Authorization: Bearer clt_…</code>. Give each
        one no more than it needs: read only, or one project.
      </p>
      <form className="inline-form" onSubmit={form.onSubmit}>
        <label className="field">
          <span>Token name</span>
          <input className="input" name="name" required placeholder="CI, laptop CLI…" />
        </label>
        <label className="field" style={{ flex: '0 0 140px' }}>
          <span>Expires</span>
          <select className="select" name="expiresInDays" defaultValue="90">
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="0">never</option>
          </select>
        </label>
        <label className="field" style={{ flex: '0 0 160px' }}>
          <span>Access</span>
          <select className="select" name="access" defaultValue="full">
            <option value="full">read and write</option>
            <option value="read">read only</option>
          </select>
        </label>
        <label className="field" style={{ flex: '0 0 160px' }}>
          <span>Projects</span>
          <select className="select" name="project" defaultValue="">
            <option value="">all projects</option>
            {(projects.data ?? []).map((p) => (
              <option key={p.key} value={p.key}>
                only {p.key}
              </option>
            ))}
          </select>
        </label>
        <button className="btn btn-primary" type="submit" disabled={form.busy}>
          Create token
        </button>
      </form>
      {created && (
        <div className="alert alert-info" role="status">
          <strong>Copy this token now — it is shown only once.</strong>
          <div className="secret" data-testid="new-token">
            {created}
          </div>
        </div>
      )}
      {tokens.isLoading && <Spinner />}
      {tokens.error && <ErrorState error={tokens.error} />}
      {tokens.data?.length === 0 && <EmptyState title="No tokens yet" />}
      {!!tokens.data?.length && (
        <table className="table" aria-label="Your API tokens">
          <thead>
            <tr>
              <th>Name</th>
              <th>Prefix</th>
              <th>Access</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td className="mono">{t.prefix}…</td>
                <td>{scopeText(t)}</td>
                <td>{shortDate(t.createdAt)}</td>
                <td>{t.lastUsedAt ? relativeTime(t.lastUsedAt) : 'never'}</td>
                <td>{t.expiresAt ? shortDate(t.expiresAt) : 'never'}</td>
                <td style={{ textAlign: 'right' }}>
                  {t.revokedAt ? (
                    <span className="muted">revoked</span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-sm btn-danger"
                      onClick={async () => {
                        await api(`/tokens/${t.id}`, { method: 'DELETE' });
                        qc.invalidateQueries({ queryKey: ['tokens'] });
                      }}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
