import type { ProjectMailIntake } from '@closeloop/shared/api/mail-intake';
import { ErrorState, Spinner } from '../components/ui.tsx';
import { useProjectSwitch } from '../lib/project-switch.ts';

/**
 * The project's email intake (admins, on the setup page): whether mail to its address files
 * reports. Shown with the address when this server takes mail (MAIL_INTAKE_DOMAIN).
 */
export function MailIntakeSetup({ projectKey }: { projectKey: string }) {
  const { q, enabled, toggle } = useProjectSwitch<ProjectMailIntake>(
    ['mail-intake', projectKey],
    `/projects/${projectKey}/mail-intake`,
    { on: 'Email intake is on', off: 'Email intake is off' },
  );
  return (
    <section aria-label="Email intake" data-testid="mail-intake-setup">
      <h2 style={{ fontSize: 15, marginTop: 28 }}>Email intake</h2>
      <p className="muted">
        A mail to the project's address files a report (attachments kept, quoted text trimmed); a reply to a
        notification becomes a comment.
      </p>
      {q.isLoading && <Spinner label="Loading email intake" />}
      {q.error && <ErrorState error={q.error} retry={() => q.refetch()} />}
      {q.data && (
        <>
          <label className="field" style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
            <input type="checkbox" checked={enabled} onChange={(e) => void toggle(e.target.checked)} />
            <span>Take reports by email</span>
          </label>
          <p data-testid="mail-intake-address">
            {q.data.address ? (
              <>
                Address: <span className="mono">{q.data.address}</span>
                {!q.data.enabled && <span className="faint"> (off)</span>}
              </>
            ) : (
              <span className="faint">This server takes no mail (MAIL_INTAKE_DOMAIN is not set).</span>
            )}
          </p>
        </>
      )}
    </section>
  );
}
