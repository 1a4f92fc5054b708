import type { Me } from '@closeloop/shared/api/accounts';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, errorText } from '../api/client.ts';
import { keys } from '../api/hooks.ts';
import { AuthCard } from '../components/auth-card.tsx';
import { NewPasswordField } from '../components/new-password-field.tsx';
import { fieldErrors, useFocusOnMount } from './auth.tsx';

/** "Forgot password?": asks for a reset mail; the answer is the same whether the address has an account. */
export function ForgotPasswordPage() {
  const firstField = useFocusOnMount<HTMLInputElement>();
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ sent: string }>('/auth/password-reset', {
        method: 'POST',
        body: { email: f.get('email') },
      });
      setSent(r.sent);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AuthCard
      titleId="forgot-title"
      title="Reset your password"
      lead="We mail you a link to choose a new password. It works once, for 30 minutes."
      error={error}
      onSubmit={submit}
    >
      {sent ? (
        <output className="notice">{sent}</output>
      ) : (
        <>
          <label className="field">
            <span>Email</span>
            <input
              ref={firstField}
              className="input"
              name="email"
              type="email"
              autoComplete="email"
              required
            />
          </label>
          <button className="btn btn-primary" type="submit" disabled={busy}>
            {busy ? 'Sending…' : 'Send reset link'}
          </button>
        </>
      )}
      <p className="auth-alt">
        <Link to="/signin">Back to sign in</Link>
      </p>
    </AuthCard>
  );
}

/**
 * Where the mailed link lands: the token is in the fragment (never sent to a server or in a
 * Referer); a new password here ends every other session of the account and signs in this one.
 */
export function ResetPasswordPage() {
  const firstField = useFocusOnMount<HTMLInputElement>();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const token = decodeURIComponent(useLocation().hash.replace(/^#/, ''));
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const answer = await api<Me | { signInAgain: true }>('/auth/password-reset/complete', {
        method: 'POST',
        body: { token, password: f.get('password') },
      });
      // Two-factor sign-in on: the new password is set, and signing in still needs a code.
      if ('signInAgain' in answer) {
        navigate('/signin', { replace: true });
        return;
      }
      qc.setQueryData(keys.me, answer);
      navigate('/issues', { replace: true });
    } catch (err) {
      setFields(fieldErrors(err));
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AuthCard
      titleId="reset-title"
      title="Choose a new password"
      lead="Everyone signed in to this account elsewhere is signed out."
      error={error}
      onSubmit={submit}
    >
      {!token && (
        <div className="alert" role="alert">
          This page needs the link from the reset mail. <Link to="/forgot-password">Ask for one</Link>.
        </div>
      )}
      <NewPasswordField label="New password" name="password" error={fields.password} inputRef={firstField} />
      <button className="btn btn-primary" type="submit" disabled={busy || !token}>
        {busy ? 'Saving…' : 'Set new password'}
      </button>
      <p className="auth-alt">
        <Link to="/signin">Back to sign in</Link>
      </p>
    </AuthCard>
  );
}
