import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { relativeTime } from '../lib/format.ts';

type AuditEntry = {
  id: number;
  at: string;
  actor: { id: number | null; name: string | null } | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  ip: string | null;
};

/** What an entry's action means, in the words an admin reads. */
const ACTION_TEXT: Record<string, string> = {
  'auth.sign_up': 'joined the workspace',
  'auth.sign_in': 'signed in',
  'auth.sign_in_failed': 'failed sign-in',
  'auth.account_locked': 'sign-in refused: account locked',
  'auth.two_factor_enabled': 'turned on two-factor sign-in',
  'auth.two_factor_disabled': 'turned off two-factor sign-in',
  'workspace.two_factor_required': 'changed the two-factor requirement',
  'workspace.sso_settings_changed': 'changed single sign-on',
  'auth.sso_joined': 'joined through single sign-on',
  'member.role_changed': 'changed a role',
  'member.removed': 'removed a member',
  'invitation.created': 'invited',
  'invitation.revoked': 'revoked an invitation',
  'session.revoked': 'signed a session out',
  'session.revoked_others': 'signed out everywhere else',
  'token.created': 'created an API token',
  'token.revoked': 'revoked an API token',
  'ingest_key.created': 'created an ingest key',
  'ingest_key.changed': 'changed an ingest key',
  'ingest_key.revoked': 'revoked an ingest key',
};

/** The audit log of security-relevant actions (admins), with a CSV export. */
export function AuditLogTab() {
  const q = useQuery({
    queryKey: ['audit-log'],
    queryFn: () => api<{ items: AuditEntry[] }>('/audit-log?limit=200'),
  });
  if (q.isPending) return <Spinner />;
  if (q.isError) return <ErrorState error={q.error} />;
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <p className="muted">
        Sign-ins, role changes, invitations, API tokens and ingest keys, newest first.{' '}
        <a href="/api/v1/audit-log/csv" download>
          Export CSV
        </a>
      </p>
      {q.data.items.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <table className="table" aria-label="Audit log">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>Target</th>
              <th>Details</th>
              <th>Address</th>
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td title={e.at}>{relativeTime(e.at)}</td>
                <td>{e.actor?.name ?? '—'}</td>
                <td>{ACTION_TEXT[e.action] ?? e.action}</td>
                <td>{e.target ?? ''}</td>
                <td className="muted">
                  {Object.entries(e.details)
                    .map(([k, v]) => `${k}: ${String(v)}`)
                    .join(', ')}
                </td>
                <td className="muted">{e.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
