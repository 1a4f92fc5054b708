import { constants, createPublicKey, type JsonWebKey, type KeyObject, verify } from 'node:crypto';

/**
 * Verifies the signature of a compact JWS (an id_token) against a provider's JSON Web Key Set,
 * with node:crypto only. Accepted: RS256/384/512, PS256/384/512, ES256/384/512 (and EdDSA). `none`
 * and HMAC algorithms are refused: an HMAC key would be the client secret, which an attacker who
 * knows it (or guesses the algorithm confusion) could sign with.
 */
type Alg = { hash: string; kty: 'RSA' | 'EC' | 'OKP'; pss?: boolean; curve?: string };
const ALGORITHMS: Record<string, Alg> = {
  RS256: { hash: 'sha256', kty: 'RSA' },
  RS384: { hash: 'sha384', kty: 'RSA' },
  RS512: { hash: 'sha512', kty: 'RSA' },
  PS256: { hash: 'sha256', kty: 'RSA', pss: true },
  PS384: { hash: 'sha384', kty: 'RSA', pss: true },
  PS512: { hash: 'sha512', kty: 'RSA', pss: true },
  ES256: { hash: 'sha256', kty: 'EC', curve: 'P-256' },
  ES384: { hash: 'sha384', kty: 'EC', curve: 'P-384' },
  ES512: { hash: 'sha512', kty: 'EC', curve: 'P-521' },
  EdDSA: { hash: '', kty: 'OKP' },
};

export type Jwk = JsonWebKey & { kid?: string; alg?: string; use?: string };

export class BadSignature extends Error {}

export interface DecodedJws {
  header: { alg?: unknown; kid?: unknown };
  payload: Record<string, unknown>;
}

export function decodeJws(token: string): DecodedJws & { signingInput: string; signature: Buffer } {
  const parts = token.split('.');
  if (parts.length !== 3) throw new BadSignature('not a compact JWS');
  const [h, p, s] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object')
      throw new BadSignature('not a JSON header and payload');
    return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
  } catch (err) {
    if (err instanceof BadSignature) throw err;
    throw new BadSignature('not a JSON header and payload');
  }
}

/** The keys a token's header could mean: its `kid`, else every key of the right type. */
export function candidateKeys(keys: readonly Jwk[], header: DecodedJws['header']): Jwk[] {
  const alg = typeof header.alg === 'string' ? ALGORITHMS[header.alg] : undefined;
  if (!alg) return [];
  return keys.filter(
    (k) =>
      k.kty === alg.kty &&
      (k.use === undefined || k.use === 'sig') &&
      (k.alg === undefined || k.alg === header.alg) &&
      (typeof header.kid !== 'string' || k.kid === header.kid),
  );
}

/** The payload when one of `keys` signed `token`; throws BadSignature otherwise. */
export function verifyJws(token: string, keys: readonly Jwk[]): Record<string, unknown> {
  const jws = decodeJws(token);
  const algName = jws.header.alg;
  const alg = typeof algName === 'string' ? ALGORITHMS[algName] : undefined;
  if (!alg) throw new BadSignature(`signature algorithm ${String(algName)} is not accepted`);
  const candidates = candidateKeys(keys, jws.header);
  if (candidates.length === 0) throw new BadSignature('no key of the provider matches the token');
  const data = Buffer.from(jws.signingInput);
  for (const jwk of candidates) {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: jwk, format: 'jwk' });
    } catch {
      continue;
    }
    if (alg.curve && key.asymmetricKeyDetails?.namedCurve !== curveName(alg.curve)) continue;
    const ok = verify(
      alg.hash || null,
      data,
      alg.kty === 'EC'
        ? { key, dsaEncoding: 'ieee-p1363' }
        : alg.pss
          ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
          : key,
      jws.signature,
    );
    if (ok) return jws.payload;
  }
  throw new BadSignature('the signature does not match the provider’s keys');
}

/** node:crypto's names of the JOSE curves. */
function curveName(jose: string): string {
  return { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' }[jose] ?? jose;
}
