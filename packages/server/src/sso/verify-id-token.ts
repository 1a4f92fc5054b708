import {
  checkIdTokenClaims,
  type IdTokenExpectations,
  type IdTokenIdentity,
  identityWithUserinfo,
} from '@closeloop/core/sso/id-token-claims';
import { BadSignature, verifyJws } from './id-token-signature.ts';
import { fetchUserinfo, type ProviderMetadata, providerKeys } from './oidc-client.ts';

export type IdTokenCheck =
  | { ok: true; identity: IdTokenIdentity }
  | {
      ok: false;
      reason: 'signature' | 'issuer' | 'audience' | 'expired' | 'not_yet_valid' | 'nonce' | 'subject';
      email: string | null;
    };

/**
 * The whole check of an id_token: signed by one of the provider's keys (a key not seen yet
 * refetches the key set once: providers rotate keys), then its claims (core/sso/id-token-claims),
 * then the email from userinfo when the token left it out.
 */
export async function verifyIdToken(
  idToken: string,
  meta: ProviderMetadata,
  want: IdTokenExpectations,
  accessToken: string | null = null,
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
  if (verdict.identity.email !== null || accessToken === null) return verdict;
  return {
    ok: true,
    identity: identityWithUserinfo(verdict.identity, await fetchUserinfo(meta, accessToken)),
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
