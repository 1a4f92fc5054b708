import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { keys, useMe } from '../api/hooks.ts';
import { useToast } from '../components/toasts.tsx';
import { ErrorState, Spinner } from '../components/ui.tsx';

type Status = { enabled: boolean; recoveryCodesLeft: number; required: boolean };
type Setup = { secret: string; otpauthUri: string };

/**
 * Two-factor sign-in: set it up (the otpauth URI and secret for an authenticator app, confirmed
 * with a code; ten recovery codes shown once), turn it off, and, for admins, require it of everyone.
 */
export function TwoFactorTab() {
  const qc = useQueryClient();
  const toast = useToast();
  const me = useMe();
  const q = useQuery({ queryKey: ['two-factor'], queryFn: () => api<Status>('/me/two-factor') });
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['two-factor'] });
    qc.invalidateQueries({ queryKey: keys.me });
  };
  const run = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorText(e));
    }
  };
  if (q.isPending) return <Spinner />;
  if (q.isError) return <ErrorState error={q.error} />;
  const isAdmin = me.data?.role === 'admin' || me.data?.role === 'owner';
  return (
    <section aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">Two-factor sign-in</h2>
      {me.data?.mustEnrolTwoFactor && (
        <div className="alert" role="alert">
          Your workspace requires two-factor sign-in. Set it up to continue.
        </div>
      )}
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      <p className="muted" data-testid="two-factor-state">
        {q.data.enabled
          ? `On. ${q.data.recoveryCodesLeft} recovery codes left.`
          : 'Off. Signing in needs only your password.'}
      </p>
      {codes && (
        <div className="alert alert-info" role="status">
          <strong>Save these recovery codes now — each works once, and they are shown only once.</strong>
          <ul className="mono" aria-label="Recovery codes">
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      {!q.data.enabled && !setup && (
        <button
          type="button"
          className="btn btn-primary"
          onClick={() =>
            run(async () => setSetup(await api<Setup>('/me/two-factor/setup', { method: 'POST' })))
          }
        >
          Set up two-factor sign-in
        </button>
      )}
      {!q.data.enabled && setup && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const code = String(new FormData(e.currentTarget).get('code') ?? '');
            run(async () => {
              const r = await api<{ recoveryCodes: string[] }>('/me/two-factor/confirm', {
                method: 'POST',
                body: { code },
              });
              setCodes(r.recoveryCodes);
              setSetup(null);
              refresh();
              toast('Two-factor sign-in is on', 'success');
            });
          }}
        >
          <p>
            Add this account to your authenticator app with the link below (or type the key), then enter the
            6-digit code it shows.
          </p>
          <p>
            <a href={setup.otpauthUri} className="mono" data-testid="otpauth-uri">
              {setup.otpauthUri}
            </a>
          </p>
          <p>
            Key:{' '}
            <span className="mono secret" data-testid="totp-secret">
              {setup.secret}
            </span>
          </p>
          <label className="field" style={{ maxWidth: 200 }}>
            <span>Code from the app</span>
            <input className="input" name="code" inputMode="numeric" autoComplete="one-time-code" required />
          </label>
          <button className="btn btn-primary" type="submit">
            Turn on
          </button>
        </form>
      )}
      {q.data.enabled && !q.data.required && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const code = String(new FormData(e.currentTarget).get('code') ?? '');
            run(async () => {
              await api('/me/two-factor/disable', { method: 'POST', body: { code } });
              setCodes(null);
              refresh();
              toast('Two-factor sign-in is off', 'success');
            });
          }}
        >
          <label className="field" style={{ maxWidth: 220 }}>
            <span>Code or recovery code</span>
            <input className="input" name="code" autoComplete="one-time-code" required />
          </label>
          <button className="btn btn-danger" type="submit">
            Turn off
          </button>
        </form>
      )}
      {isAdmin && (
        <label
          className="field"
          style={{ flexDirection: 'row', gap: 8, alignItems: 'center', marginTop: 24 }}
        >
          <input
            type="checkbox"
            checked={q.data.required}
            disabled={!q.data.enabled}
            onChange={(e) => {
              const required = e.currentTarget.checked;
              run(async () => {
                await api('/workspace/two-factor', { method: 'PUT', body: { required } });
                refresh();
              });
            }}
          />
          <span>Require two-factor sign-in of everyone in this workspace</span>
        </label>
      )}
    </section>
  );
}
