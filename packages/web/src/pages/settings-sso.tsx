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
          groupsClaim: String(f.get('groupsClaim') ?? '').trim() || 'groups',
          groupRoles: parseGroupRoles(String(f.get('groupRoles') ?? '')),
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
        <label className="field">
          <span>Roles from groups</span>
          <textarea
            className="textarea"
            name="groupRoles"
            rows={3}
            defaultValue={s.groupRoles.map((g) => `${g.group} = ${g.role}`).join('\n')}
            placeholder={'eng-leads = admin\nsupport = viewer'}
            aria-describedby="sso-groups-hint"
          />
          <span className="muted" id="sso-groups-hint">
            One “group = role” a line (viewer, member or admin): someone joining by domain gets the highest
            role of their groups, else member. Roles of people already in the workspace are not changed.
          </span>
        </label>
        <label className="field">
          <span>Groups claim</span>
          <input className="input" name="groupsClaim" defaultValue={s.groupsClaim} />
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

/** "group = role" lines; a line without " = " is sent as it is, so the API names the mistake. */
function parseGroupRoles(text: string): { group: string; role: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.lastIndexOf('=');
      return at < 0
        ? { group: line, role: '' }
        : {
            group: line.slice(0, at).trim(),
            role: line
              .slice(at + 1)
              .trim()
              .toLowerCase(),
          };
    });
}
