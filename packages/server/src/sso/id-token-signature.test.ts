import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BadSignature, type Jwk, verifyJws } from './id-token-signature.ts';

/** Signs like a provider does, with node:crypto keys made here. */
function jws(alg: string, key: KeyObject, payload: object, kid = 'k1'): string {
  const h = Buffer.from(JSON.stringify({ alg, kid, typ: 'JWT' })).toString('base64url');
  const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const hash = { RS256: 'sha256', ES256: 'sha256', PS256: 'sha256', ES384: 'sha384' }[alg] ?? 'sha256';
  const opts = alg.startsWith('ES')
    ? { key, dsaEncoding: 'ieee-p1363' as const }
    : alg.startsWith('PS')
      ? { key, padding: 6, saltLength: 32 }
      : key;
  return `${h}.${p}.${sign(hash, Buffer.from(`${h}.${p}`), opts).toString('base64url')}`;
}

function pair(type: 'rsa' | 'ec', curve?: string) {
  const { privateKey, publicKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: curve ?? 'P-256' });
  return { privateKey, jwk: { ...(publicKey.export({ format: 'jwk' }) as Jwk), kid: 'k1', use: 'sig' } };
}

describe('id_token signature against a JSON Web Key Set', () => {
  const rsa = pair('rsa');
  const ec = pair('ec');
  const claims = { iss: 'https://idp', sub: 'u1' };

  it('verifies RS256, PS256, ES256 and ES384 tokens with the matching key', () => {
    expect(verifyJws(jws('RS256', rsa.privateKey, claims), [ec.jwk, rsa.jwk])).toEqual(claims);
    expect(verifyJws(jws('PS256', rsa.privateKey, claims), [rsa.jwk])).toEqual(claims);
    expect(verifyJws(jws('ES256', ec.privateKey, claims), [rsa.jwk, ec.jwk])).toEqual(claims);
    const p384 = pair('ec', 'P-384');
    expect(verifyJws(jws('ES384', p384.privateKey, claims), [p384.jwk])).toEqual(claims);
  });

  it('refuses a changed payload, another key, an unknown kid, `none` and HMAC', () => {
    const token = jws('RS256', rsa.privateKey, claims);
    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url')}.${s}`;
    expect(() => verifyJws(forged, [rsa.jwk])).toThrow(BadSignature);
    const other = pair('rsa');
    expect(() => verifyJws(token, [other.jwk])).toThrow(BadSignature);
    expect(() => verifyJws(jws('RS256', rsa.privateKey, claims, 'k9'), [rsa.jwk])).toThrow(BadSignature);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    expect(() => verifyJws(none, [rsa.jwk])).toThrow(/not accepted/);
    // Algorithm confusion: an HMAC "signed" with the public key's text must not pass.
    const hh = Buffer.from('{"alg":"HS256","kid":"k1"}').toString('base64url');
    const hp = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const mac = createHmac('sha256', JSON.stringify(rsa.jwk)).update(`${hh}.${hp}`).digest('base64url');
    expect(() => verifyJws(`${hh}.${hp}.${mac}`, [rsa.jwk])).toThrow(/not accepted/);
    expect(() => verifyJws('not-a-token', [rsa.jwk])).toThrow(BadSignature);
    // An ES256 token is not checked against a P-384 key of the same kid.
    const p384 = pair('ec', 'P-384');
    expect(() => verifyJws(jws('ES256', ec.privateKey, claims), [p384.jwk])).toThrow(BadSignature);
  });
});
