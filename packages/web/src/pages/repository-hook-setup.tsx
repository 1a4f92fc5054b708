import type { repositoryHookSchema } from '@closeloop/shared/api/repository-hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { ApiError, api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { ErrorState, Spinner } from '../components/ui.tsx';

type Hook = z.infer<typeof repositoryHookSchema>;

/**
 * The project's push hook (admins, on the setup page): its address, the branch where "Fixes KEY"
 * takes effect, and the secret — shown only in the answer that made it, so it is shown here once
 * with a warning, and can be rotated.
 */
export function RepositoryHookSetup({ projectKey }: { projectKey: string }) {
  const qc = useQueryClient();
  const toast = useToast();
  const hook = useQuery({
    queryKey: ['repository-hook', projectKey],
    queryFn: async () => {
      try {
        return await api<Hook>(`/projects/${projectKey}/repository-hook`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
  const [branch, setBranch] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const save = async (rotateSecret: boolean) => {
    try {
      const saved = await api<Hook>(`/projects/${projectKey}/repository-hook`, {
        method: 'PUT',
        body: { branch: (branch ?? hook.data?.branch ?? 'main').trim() || 'main', rotateSecret },
      });
      setSecret(saved.secret ?? null);
      qc.setQueryData(['repository-hook', projectKey], { ...saved, secret: undefined });
      toast(saved.secret ? 'Push hook saved: copy its secret now' : 'Push hook saved', 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };
  return (
    <section aria-label="Repository push hook" data-testid="repository-hook">
      <h2 style={{ fontSize: 15, marginTop: 28 }}>Linked changes (GitHub or GitLab push hook)</h2>
      <p className="muted">
        Commits whose message names an issue (<code>{projectKey}-42</code>) are linked to it, and so are pull
        and merge requests that name it; <code>Fixes {projectKey}-42</code> reaching the branch below closes a
        people-written issue as fixed, and sends a machine-found one to awaiting verification in the release
        that ships the commit (record releases with their commits through{' '}
        <code>POST /api/v1/projects/{projectKey}/releases</code>).
      </p>
      {hook.isLoading && <Spinner label="Loading the push hook" />}
      {hook.error && <ErrorState error={hook.error} retry={() => hook.refetch()} />}
      {hook.data !== undefined && !hook.error && (
        <form onSubmit={onSubmit} className="setup-key">
          {hook.data && (
            <div className="field">
              <span>Payload URL (content type application/json; push and pull/merge request events)</span>
              <code data-testid="hook-url">{hook.data.url}</code>
            </div>
          )}
          <label className="field">
            <span>Branch</span>
            <input
              className="input"
              name="branch"
              value={branch ?? hook.data?.branch ?? 'main'}
              onChange={(e) => setBranch(e.target.value)}
            />
          </label>
          <div className="dialog-actions" style={{ justifyContent: 'flex-start' }}>
            <button type="submit" className="btn btn-primary">
              {hook.data ? 'Save' : 'Create push hook'}
            </button>
            {hook.data && (
              <button type="button" className="btn" onClick={() => void save(true)}>
                Rotate secret
              </button>
            )}
          </div>
          {secret && (
            <div className="alert alert-info" role="status" data-testid="hook-secret">
              Secret (shown once; set it as the GitHub webhook secret or the GitLab secret token):{' '}
              <code>{secret}</code>
            </div>
          )}
        </form>
      )}
    </section>
  );
}
