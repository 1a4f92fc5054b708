import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { ErrorState, Spinner } from '../components/ui.tsx';
import { relativeTime, shortDate } from '../lib/format.ts';
import { ChangePasswordForm } from './settings-password.tsx';

type Session = { id: number; createdAt: string; lastSeenAt: string; expiresAt: string; current: boolean };

/** Your signed-in sessions: revoke one, or sign out everywhere else; and your password. */
export function SessionsTab() {
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({ queryKey: ['my-sessions'], queryFn: () => api<{ items: Session[] }>('/me/sessions') });
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      qc.invalidateQueries({ queryKey: ['my-sessions'] });
      toast(done, 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  if (q.isPending) return <Spinner />;
  if (q.isError) return <ErrorState error={q.error} />;
  const others = q.data.items.filter((s) => !s.current).length;
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">Your sessions</h2>
      <p className="muted">
        Every browser you are signed in with. Revoke one you do not recognise. A session ends after a while
        unused, and for good some weeks after sign-in.
      </p>
      <table className="table" aria-label="Your sessions">
        <tbody>
          {q.data.items.map((s) => (
            <tr key={s.id}>
              <td>signed in {relativeTime(s.createdAt)}</td>
              <td className="muted">last used {relativeTime(s.lastSeenAt)}</td>
              <td className="muted">ends {shortDate(s.expiresAt)} unless used</td>
              <td>
                {s.current ? (
                  <span className="muted">this browser</span>
                ) : (
                  <button
                    type="button"
                    className="btn btn-sm"
                    aria-label={`Revoke the session signed in ${relativeTime(s.createdAt)} (#${s.id})`}
                    onClick={() =>
                      act(() => api(`/me/sessions/${s.id}`, { method: 'DELETE' }), 'Session signed out')
                    }
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="btn"
        disabled={others === 0}
        onClick={() =>
          act(() => api('/me/sessions/revoke-others', { method: 'POST' }), 'Signed out everywhere else')
        }
      >
        Sign out everywhere else
      </button>
      <ChangePasswordForm />
    </section>
  );
}
