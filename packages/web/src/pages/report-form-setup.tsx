import type { ReportFormSettings } from '@closeloop/shared/api/public-intake';
import { ErrorState, Spinner } from '../components/ui.tsx';
import { useProjectSwitch } from '../lib/project-switch.ts';

/**
 * The project's public report form (admins, on the setup page): on or off, and its stable link.
 * People without an account report through it; turned off, the link shows "this form is closed".
 */
export function ReportFormSetup({ projectKey }: { projectKey: string }) {
  const { q, enabled, toggle } = useProjectSwitch<ReportFormSettings>(
    ['report-form', projectKey],
    `/projects/${projectKey}/report-form`,
    { on: 'Public report form is on', off: 'Public report form is off' },
  );
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
            <input type="checkbox" checked={enabled} onChange={(e) => void toggle(e.target.checked)} />
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
