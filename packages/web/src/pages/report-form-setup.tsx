import type { ReportFormSettings } from '@closeloop/shared/api/public-intake';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { ErrorState, Spinner } from '../components/ui.tsx';

/**
 * The project's public report form (admins, on the setup page): on or off, and its stable link.
 * People without an account report through it; turned off, the link shows "this form is closed".
 */
export function ReportFormSetup({ projectKey }: { projectKey: string }) {
  const qc = useQueryClient();
  const toast = useToast();
  const key = ['report-form', projectKey];
  const q = useQuery({
    queryKey: key,
    queryFn: () => api<ReportFormSettings>(`/projects/${projectKey}/report-form`),
  });
  const toggle = async (enabled: boolean) => {
    // The box follows the click at once; the server's answer brings the link (or a revert).
    const before = q.data;
    if (before) qc.setQueryData(key, { ...before, enabled });
    try {
      qc.setQueryData(
        key,
        await api<ReportFormSettings>(`/projects/${projectKey}/report-form`, {
          method: 'PUT',
          body: { enabled },
        }),
      );
      toast(enabled ? 'Public report form is on' : 'Public report form is off', 'success');
    } catch (e) {
      if (before) qc.setQueryData(key, before);
      toast(errorText(e), 'error');
    }
  };
  return (
    <section aria-label="Public report form" data-testid="report-form-setup">
      <h2 style={{ fontSize: 15, marginTop: 28 }}>Public report form</h2>
      <p className="muted">
        A page where anyone, without an account, can report a problem and follow it by a private link.
        Rate-limited per address, with a honeypot against bots.
      </p>
      {q.isLoading && <Spinner label="Loading the report form" />}
      {q.error && <ErrorState error={q.error} retry={() => q.refetch()} />}
      {q.data && (
        <>
          <label className="field" style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
            <input type="checkbox" checked={q.data.enabled} onChange={(e) => void toggle(e.target.checked)} />
            <span>Take reports through the public form</span>
          </label>
          {q.data.path && (
            <p>
              Link:{' '}
              <a href={q.data.path} data-testid="report-form-link" target="_blank" rel="noreferrer">
                {window.location.origin}
                {q.data.path}
              </a>
              {!q.data.enabled && <span className="faint"> (closed)</span>}
            </p>
          )}
        </>
      )}
    </section>
  );
}
