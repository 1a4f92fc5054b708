/**
 * The claims of an OpenID Connect id_token, checked after its signature (OpenID Connect Core 1.0
 * §3.1.3.7): it was issued by the configured issuer, for our client, has not expired, and carries
 * the nonce of the sign-in that asked for it (so an id_token captured elsewhere cannot be replayed
 * into a new sign-in). Plain data in, a verdict out.
 */
export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  /** Epoch milliseconds. */
  now: number;
}

export interface IdTokenIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export type IdTokenVerdict =
  | { ok: true; identity: IdTokenIdentity }
  | { ok: false; reason: 'issuer' | 'audience' | 'expired' | 'not_yet_valid' | 'nonce' | 'subject' };

/** Clocks of the provider and this server may differ by this much. */
export const CLOCK_SKEW_MS = 60_000;

export function checkIdTokenClaims(
  claims: Record<string, unknown>,
  want: IdTokenExpectations,
): IdTokenVerdict {
  if (claims.iss !== want.issuer) return { ok: false, reason: 'issuer' };
  const aud = claims.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(want.clientId)) return { ok: false, reason: 'audience' };
  // With several audiences the token must name us as the party it was issued to (§3.1.3.7 item 5).
  if (audiences.length > 1 && claims.azp !== want.clientId) return { ok: false, reason: 'audience' };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 + CLOCK_SKEW_MS <= want.now)
    return { ok: false, reason: 'expired' };
  if (typeof claims.iat === 'number' && claims.iat * 1000 - CLOCK_SKEW_MS > want.now)
    return { ok: false, reason: 'not_yet_valid' };
  if (typeof claims.nonce !== 'string' || claims.nonce !== want.nonce) return { ok: false, reason: 'nonce' };
  if (typeof claims.sub !== 'string' || claims.sub === '') return { ok: false, reason: 'subject' };
  return {
    ok: true,
    identity: {
      subject: claims.sub,
      email: typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null,
      // Only a provider's explicit `true` counts: an unverified address could be anyone's.
      emailVerified: claims.email_verified === true,
      name: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : null,
    },
  };
}

/**
 * Fills the email and name from the userinfo answer when the id_token left them out; only when
 * userinfo speaks of the same subject (§5.3.2: otherwise it must not be used).
 */
export function identityWithUserinfo(
  identity: IdTokenIdentity,
  userinfo: Record<string, unknown>,
): IdTokenIdentity {
  if (identity.email !== null || userinfo.sub !== identity.subject) return identity;
  return {
    ...identity,
    email: typeof userinfo.email === 'string' ? userinfo.email.trim().toLowerCase() : null,
    emailVerified: userinfo.email_verified === true,
    name:
      identity.name ??
      (typeof userinfo.name === 'string' && userinfo.name.trim() ? userinfo.name.trim() : null),
  };
}
