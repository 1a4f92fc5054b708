import type { Me } from '@closeloop/shared/api/accounts';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, errorText } from '../api/client.ts';
import { keys } from '../api/hooks.ts';
import { AuthCard } from '../components/auth-card.tsx';
import { NewPasswordField } from '../components/new-password-field.tsx';

/** Focus the first field once when the page mounts (instead of autoFocus, which screen readers dislike on re-render). */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (e instanceof ApiError && e.details && typeof e.details === 'object' && 'issues' in e.details) {
    for (const i of (e.details as { issues: { path: string; message: string }[] }).issues) {
      const field = String(i.path).split('.').pop() ?? '';
      out[field] = i.message;
    }
  }
  return out;
}

export function SignInPage() {
  const firstField = useFocusOnMount<HTMLInputElement>();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Set once the password was right for an account with two-factor sign-in: the code step.
  const [challenge, setChallenge] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const answer = challenge
        ? await api<Me>('/auth/login/two-factor', {
            method: 'POST',
            body: { challenge, code: f.get('code') },
          })
        : await api<Me | { twoFactorRequired: true; challenge: string }>('/auth/login', {
            method: 'POST',
            body: { email: f.get('email'), password: f.get('password') },
          });
      if ('twoFactorRequired' in answer) {
        setChallenge(answer.challenge);
        return;
      }
      qc.setQueryData(keys.me, answer);
      navigate(params.get('next') ?? '/issues', { replace: true });
    } catch (err) {
      if (challenge && err instanceof ApiError && err.status === 400) setChallenge(null);
      const wrong = challenge ? 'Wrong code.' : 'Wrong email or password.';
      setError(err instanceof ApiError && err.status === 401 ? wrong : errorText(err));
    } finally {
      setBusy(false);
    }
  };
  if (challenge)
    return (
      <AuthCard
        titleId="signin-title"
        title="Two-factor sign-in"
        lead="Enter the 6-digit code from your authenticator app, or one of your recovery codes."
        error={error}
        onSubmit={submit}
      >
        <label className="field">
          <span>Authentication code</span>
          <input
            // biome-ignore lint/a11y/noAutofocus: the only field of this step, shown right after the password
            autoFocus
            className="input"
            name="code"
            autoComplete="one-time-code"
            required
          />
        </label>
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Verify'}
        </button>
      </AuthCard>
    );
  return (
    <AuthCard
      titleId="signin-title"
      title="Sign in"
      lead="Welcome back. Pick up where the loop left off."
      error={error}
      onSubmit={submit}
    >
      <label className="field">
        <span>Email</span>
        <input ref={firstField} className="input" name="email" type="email" autoComplete="email" required />
      </label>
      <label className="field">
        <span>Password</span>
        <input className="input" name="password" type="password" autoComplete="current-password" required />
      </label>
      <button className="btn btn-primary" type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      <Link
        className="btn btn-sso"
        to={`/signin/sso${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`}
      >
        Sign in with SSO
      </Link>
      <p className="auth-alt">
        <Link to="/forgot-password">Forgot password?</Link>
      </p>
      <p className="auth-alt">
        New here? <Link to="/signup">Create a workspace</Link>
      </p>
    </AuthCard>
  );
}

export function SignUpPage() {
  const firstField = useFocusOnMount<HTMLInputElement>();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const invitation = params.get('invitation');
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
      const body: Record<string, unknown> = {
        name: f.get('name'),
        email: f.get('email'),
        password: f.get('password'),
      };
      if (invitation) body.invitationToken = invitation;
      else if (f.get('workspaceName')) body.workspaceName = f.get('workspaceName');
      const me = await api<Me>('/auth/signup', { method: 'POST', body });
      qc.setQueryData(keys.me, me);
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
      titleId="signup-title"
      title={invitation ? 'Accept your invitation' : 'Create your workspace'}
      lead={
        invitation
          ? 'Choose your name and password to join the workspace.'
          : 'The first account creates the workspace and owns it.'
      }
      error={error}
      onSubmit={submit}
    >
      <label className="field">
        <span>Your name</span>
        <input ref={firstField} className="input" name="name" autoComplete="name" required />
        {fields.name && <span className="field-error">{fields.name}</span>}
      </label>
      <label className="field">
        <span>Email</span>
        <input className="input" name="email" type="email" autoComplete="email" required />
        {fields.email && <span className="field-error">{fields.email}</span>}
      </label>
      <NewPasswordField label="Password" name="password" error={fields.password} />
      {!invitation && (
        <label className="field">
          <span>Workspace name</span>
          <input className="input" name="workspaceName" placeholder="Acme Inc." />
        </label>
      )}
      <button className="btn btn-primary" type="submit" disabled={busy}>
        {busy ? 'Creating…' : invitation ? 'Join workspace' : 'Create workspace'}
      </button>
      <p className="auth-alt">
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>
    </AuthCard>
  );
}
