import type { SsoSettings } from '@closeloop/shared/api/sso';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { ErrorState, Spinner } from '../components/ui.tsx';

/**
 * Settings › Single sign-on (admins): the workspace's OpenID Connect provider, which email domains
 * may join at their first sign-in, and "SSO only". The client secret is write-only: the API never
 * sends it back, so an empty field keeps the stored one.
 */
export function SsoTab() {
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({ queryKey: ['workspace-sso'], queryFn: () => api<SsoSettings>('/workspace/sso') });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (q.isPending) return <Spinner />;
  if (q.isError) return <ErrorState error={q.error} />;
  const s = q.data;
  const save = async (f: FormData) => {
    setError(null);
    setBusy(true);
    try {
      const secret = String(f.get('clientSecret') ?? '');
      const saved = await api<SsoSettings>('/workspace/sso', {
        method: 'PUT',
        body: {
          enabled: f.get('enabled') === 'on',
          issuer: String(f.get('issuer') ?? '').trim(),
          clientId: String(f.get('clientId') ?? '').trim(),
          ...(secret ? { clientSecret: secret } : {}),
          allowedDomains: String(f.get('allowedDomains') ?? '')
            .split(/[\s,]+/)
            .filter(Boolean),
          requireSso: f.get('requireSso') === 'on',
        },
      });
      qc.setQueryData(['workspace-sso'], saved);
      toast('Single sign-on saved', 'success');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="sso-settings-title">
      <h2 id="sso-settings-title">Single sign-on</h2>
      <p className="muted">
        Sign people in through your OpenID Connect provider (Okta, Microsoft Entra ID, Google Workspace,
        Keycloak…). Register this redirect URI with the provider:{' '}
        <code data-testid="sso-redirect-uri">{s.redirectUri}</code>
      </p>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      <form
        className="stack-form"
        style={{ maxWidth: 560 }}
        // The query's answer keys the form: after a save the fields show what was stored.
        key={JSON.stringify(s)}
        onSubmit={(e) => {
          e.preventDefault();
          void save(new FormData(e.currentTarget));
        }}
      >
        <label>
          <input type="checkbox" className="checkbox" name="enabled" defaultChecked={s.enabled} /> Sign-in
          with the provider is on
        </label>
        <label className="field">
          <span>Issuer URL</span>
          <input
            className="input"
            name="issuer"
            type="url"
            required
            defaultValue={s.issuer}
            placeholder="https://login.example.com"
          />
        </label>
        <label className="field">
          <span>Client ID</span>
          <input className="input" name="clientId" required defaultValue={s.clientId} />
        </label>
        <label className="field">
          <span>Client secret</span>
          <input
            className="input"
            name="clientSecret"
            type="password"
            autoComplete="off"
            placeholder={s.clientSecretSet ? 'Stored — leave empty to keep it' : ''}
          />
        </label>
        <label className="field">
          <span>Email domains that may join as members</span>
          <input
            className="input"
            name="allowedDomains"
            defaultValue={s.allowedDomains.join(', ')}
            placeholder="example.com, example.org"
            aria-describedby="sso-domains-hint"
          />
          <span className="muted" id="sso-domains-hint">
            Someone else signs in only with an invitation. Empty: invitations only.
          </span>
        </label>
        <label>
          <input type="checkbox" className="checkbox" name="requireSso" defaultChecked={s.requireSso} />{' '}
          Require single sign-on (owners keep their password as a way in if the provider fails)
        </label>
        <button className="btn btn-primary" type="submit" disabled={busy} style={{ justifySelf: 'start' }}>
          {busy ? 'Checking the provider…' : 'Save'}
        </button>
      </form>
    </section>
  );
}
