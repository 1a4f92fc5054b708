import { assertCan } from '@closeloop/core/permissions/permissions';
import { normaliseDomains } from '@closeloop/core/sso/email-domains';
import type { GroupRole } from '@closeloop/core/sso/group-roles';
import type { SsoSettings, SsoSettingsInput } from '@closeloop/shared/api/sso';
import { Invalid } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { assertProviderUrl, discover } from '../sso/oidc-client.ts';
import { findSsoSettings, saveSsoSettings as storeSsoSettings } from '../store/sso-store.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';

/** What admins register at their provider: the app's page that receives the provider's answer. */
export function ssoRedirectUri(publicUrl: string): string {
  return `${publicUrl.replace(/\/$/, '')}/sso/callback`;
}

/** The sealing context of a workspace's client secret. */
export const clientSecretContext = (workspaceId: number) => `sso-client-secret:${workspaceId}`;

export async function getSsoSettings(svc: Services, actor: Actor): Promise<SsoSettings> {
  assertCan(actor.role, 'sso.manage');
  const row = await findSsoSettings(svc.store, actor.workspaceId);
  return {
    configured: row !== undefined,
    enabled: Number(row?.enabled ?? 0) === 1,
    issuer: row?.issuer ?? '',
    clientId: row?.client_id ?? '',
    clientSecretSet: (row?.client_secret ?? '') !== '',
    allowedDomains: row ? (JSON.parse(row.allowed_domains) as string[]) : [],
    requireSso: Number(row?.require_sso ?? 0) === 1,
    groupsClaim: row?.groups_claim ?? 'groups',
    groupRoles: row ? (JSON.parse(row.group_roles) as GroupRole[]) : [],
    redirectUri: ssoRedirectUri(svc.config.publicUrl),
  };
}

/**
 * Saves the provider settings (admins). Turning sign-on on checks the provider's discovery
 * document first, so a typo is a 422 here and not a broken sign-in page. The client secret is
 * sealed; the audit entry says whether it changed, never what it is.
 */
export async function saveSsoSettings(
  svc: Services,
  actor: Actor,
  input: SsoSettingsInput,
): Promise<SsoSettings> {
  assertCan(actor.role, 'sso.manage');
  // Kept exactly as typed: it must equal the `iss` of the provider's tokens, character for character.
  const issuer = input.issuer;
  assertProviderUrl(issuer, svc.config.SSO_ALLOW_LOOPBACK);
  if (input.requireSso && !input.enabled)
    throw new Invalid('Single sign-on must be on to be required', { field: 'requireSso' });
  const stored = await findSsoSettings(svc.store, actor.workspaceId);
  const secret =
    input.clientSecret !== undefined
      ? svc.secrets.seal(input.clientSecret, clientSecretContext(actor.workspaceId))
      : (stored?.client_secret ?? '');
  if (input.enabled && secret === '')
    throw new Invalid('Enter the client secret the provider gave you', { field: 'clientSecret' });
  if (input.enabled) await discover(issuer, svc.config.SSO_ALLOW_LOOPBACK);
  const allowedDomains = normaliseDomains(input.allowedDomains);
  await storeSsoSettings(svc.store, {
    workspace_id: actor.workspaceId,
    enabled: input.enabled ? 1 : 0,
    issuer,
    client_id: input.clientId,
    client_secret: secret,
    allowed_domains: JSON.stringify(allowedDomains),
    require_sso: input.requireSso ? 1 : 0,
    updated_at: Date.now(),
    groups_claim: input.groupsClaim,
    group_roles: JSON.stringify(input.groupRoles),
  });
  await audit(svc.store, {
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: 'workspace.sso_settings_changed',
    target: issuer,
    details: {
      enabled: input.enabled,
      clientId: input.clientId,
      clientSecretChanged: input.clientSecret !== undefined,
      allowedDomains,
      requireSso: input.requireSso,
      groupsClaim: input.groupsClaim,
      groupRoles: input.groupRoles,
    },
  });
  return getSsoSettings(svc, actor);
}
