import {
  checkIdTokenClaims,
  type IdTokenExpectations,
  type IdTokenIdentity,
  identityWithUserinfo,
} from '@closeloop/core/sso/id-token-claims';
import { BadSignature, verifyJws } from './id-token-signature.ts';
import { fetchUserinfo, type ProviderMetadata, providerKeys } from './oidc-client.ts';

export type IdTokenCheck =
  | { ok: true; identity: IdTokenIdentity; groups: unknown }
  | {
      ok: false;
      reason: 'signature' | 'issuer' | 'audience' | 'expired' | 'not_yet_valid' | 'nonce' | 'subject';
      email: string | null;
    };

/**
 * The whole check of an id_token: signed by one of the provider's keys (a key not seen yet
 * refetches the key set once: providers rotate keys), then its claims (core/sso/id-token-claims),
 * then userinfo when the token left out the email or the groups claim (`groupsClaim`, read only
 * when the workspace maps groups to roles).
 */
export async function verifyIdToken(
  idToken: string,
  meta: ProviderMetadata,
  want: IdTokenExpectations,
  accessToken: string | null = null,
  groupsClaim: string | null = null,
): Promise<IdTokenCheck> {
  let claims: Record<string, unknown>;
  try {
    claims = await signedClaims(idToken, meta);
  } catch (err) {
    if (err instanceof BadSignature) return { ok: false, reason: 'signature', email: null };
    throw err;
  }
  const verdict = checkIdTokenClaims(claims, want);
  if (!verdict.ok)
    return {
      ok: false,
      reason: verdict.reason,
      email: typeof claims.email === 'string' ? claims.email.toLowerCase() : null,
    };
  const groups = groupsClaim === null ? undefined : claims[groupsClaim];
  const missing = verdict.identity.email === null || (groupsClaim !== null && groups === undefined);
  if (!missing || accessToken === null) return { ...verdict, groups };
  const userinfo = await fetchUserinfo(meta, accessToken);
  // Userinfo of another subject is not this person's (§5.3.2): its groups count no more than its email.
  const sameSubject = userinfo.sub === verdict.identity.subject;
  return {
    ok: true,
    identity: identityWithUserinfo(verdict.identity, userinfo),
    groups: groups ?? (sameSubject && groupsClaim !== null ? userinfo[groupsClaim] : undefined),
  };
}

async function signedClaims(idToken: string, meta: ProviderMetadata) {
  try {
    return verifyJws(idToken, await providerKeys(meta));
  } catch (err) {
    if (!(err instanceof BadSignature)) throw err;
    return verifyJws(idToken, await providerKeys(meta, true));
  }
}
