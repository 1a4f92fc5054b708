import type { Role } from '@closeloop/shared/issue-fields';

/**
 * "SSO only" (a workspace requiring single sign-on): everyone but owners signs in through the
 * provider. Owners keep their password as the break-glass path — a provider that is down or
 * misconfigured must not lock the workspace out of its own settings.
 */
export function passwordSignInAllowed(role: Role, requireSso: boolean): boolean {
  return !requireSso || role === 'owner';
}
