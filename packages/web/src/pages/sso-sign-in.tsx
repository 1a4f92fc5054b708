import type { Me } from '@closeloop/shared/api/accounts';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorText } from '../api/client.ts';
import { keys } from '../api/hooks.ts';
import { AuthCard } from '../components/auth-card.tsx';
import { useFocusOnMount } from './auth.tsx';

/**
 * "Sign in with SSO": a work email (its domain picks the workspace) or the workspace's short
 * name; the API answers the provider's URL and the browser goes there.
 */
export function SsoSignInPage() {
  const field = useFocusOnMount<HTMLInputElement>();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const who = String(new FormData(e.currentTarget).get('who') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const next = params.get('next');
      const { url } = await api<{ url: string }>('/auth/sso/start', {
        method: 'POST',
        body: { ...(who.includes('@') ? { email: who } : { workspace: who }), ...(next ? { next } : {}) },
      });
      window.location.assign(url);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return (
    <AuthCard
      titleId="sso-title"
      title="Sign in with SSO"
      lead="Your organisation's identity provider signs you in."
      error={error}
      onSubmit={submit}
    >
      <label className="field">
        <span>Work email or workspace</span>
        <input ref={field} className="input" name="who" autoComplete="email" required />
      </label>
      <button className="btn btn-primary" type="submit" disabled={busy}>
        {busy ? 'Going to your provider…' : 'Continue'}
      </button>
      <p className="auth-alt">
        <Link to="/signin">Sign in with a password</Link>
      </p>
    </AuthCard>
  );
}

/**
 * Where the provider sends the browser back (the redirect URI admins register): hands the code
 * and state to the API, which checks them and starts the session, then goes on into the app.
 */
export function SsoCallbackPage() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  // React's development double effects must not spend the one-time code twice.
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    const code = params.get('code');
    const state = params.get('state');
    const refused = params.get('error');
    if (refused || !code || !state) {
      setError(params.get('error_description') ?? refused ?? 'The provider sent no sign-in code.');
      return;
    }
    api<{ me: Me; next: string | null }>('/auth/sso/callback', { method: 'POST', body: { code, state } })
      .then(({ me, next }) => {
        qc.setQueryData(keys.me, me);
        navigate(next ?? '/issues', { replace: true });
      })
      .catch((err) => setError(errorText(err)));
  }, [params, qc, navigate]);
  return (
    <AuthCard
      titleId="sso-callback-title"
      title="Signing you in…"
      lead={
        error ? 'Single sign-on did not work this time.' : 'Checking the answer of your identity provider.'
      }
      error={error}
      onSubmit={(e) => e.preventDefault()}
    >
      {error && (
        <p className="auth-alt">
          <Link to="/signin/sso">Try again</Link> · <Link to="/signin">Sign in with a password</Link>
        </p>
      )}
    </AuthCard>
  );
}
