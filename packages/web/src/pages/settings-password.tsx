import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { NewPasswordField } from '../components/new-password-field.tsx';
import { useToast } from '../components/toasts.tsx';

/** Change your password: needs the current one; the server refuses common passwords (422) and ends your other sessions. */
export function ChangePasswordForm() {
  const qc = useQueryClient();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ sessionsEnded: number }>('/me/password', {
        method: 'POST',
        body: { currentPassword: f.get('currentPassword'), newPassword: f.get('newPassword') },
      });
      form.reset();
      qc.invalidateQueries({ queryKey: ['my-sessions'] });
      toast(
        `Password changed; ${r.sessionsEnded} other session${r.sessionsEnded === 1 ? '' : 's'} signed out`,
        'success',
      );
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="password-title" style={{ marginTop: 32, maxWidth: 420 }}>
      <h2 id="password-title">Change password</h2>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      <label className="field">
        <span>Current password</span>
        <input
          className="input"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
        />
      </label>
      <NewPasswordField label="New password" name="newPassword" />
      <button className="btn btn-primary" type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Change password'}
      </button>
    </form>
  );
}
