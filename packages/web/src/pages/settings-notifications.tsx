import './settings-notifications.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { ErrorState, Spinner } from '../components/ui.tsx';
import { relativeTime } from '../lib/format.ts';

type EmailMode = 'immediate' | 'hourly' | 'daily' | 'off';
interface NotificationSettings {
  email: EmailMode;
  emailAvailable: boolean;
  nextDigestAt: string | null;
}

const MODES: [EmailMode, string, string][] = [
  ['immediate', 'Immediately', 'One email per notification, as it happens.'],
  ['hourly', 'Hourly digest', 'One email an hour with everything since the last.'],
  ['daily', 'Daily digest', 'One email a day.'],
  ['off', 'Off', 'In-app inbox only.'],
];

/** How a person hears about the issues they watch: the in-app inbox always, email as they choose. */
export function NotificationSettingsTab() {
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({
    queryKey: ['notification-settings'],
    queryFn: () => api<NotificationSettings>('/me/notification-settings'),
  });
  if (q.isPending) return <Spinner />;
  if (q.isError) return <ErrorState error={q.error} />;
  const save = async (email: EmailMode) => {
    try {
      const next = await api<NotificationSettings>('/me/notification-settings', {
        method: 'PUT',
        body: { email },
      });
      qc.setQueryData(['notification-settings'], next);
      toast(`Email notifications: ${MODES.find((m) => m[0] === email)?.[1]}`);
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  return (
    <section aria-labelledby="notif-title">
      <h2 id="notif-title">Email notifications</h2>
      {!q.data.emailAvailable && (
        <p className="alert alert-info" role="status">
          This server has no outgoing mail configured (SMTP_URL); your choice applies once it has.
        </p>
      )}
      <fieldset className="radio-list">
        <legend className="muted">Send me email about issues I watch</legend>
        {MODES.map(([mode, label, hint]) => (
          <label key={mode} className="radio-row">
            <input
              type="radio"
              name="email-mode"
              value={mode}
              checked={q.data.email === mode}
              onChange={() => void save(mode)}
            />
            <span>
              <strong>{label}</strong> <span className="muted">{hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {q.data.nextDigestAt && <p className="muted">Next digest {relativeTime(q.data.nextDigestAt)}.</p>}
    </section>
  );
}
