import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS, checkIdTokenClaims, identityWithUserinfo } from './id-token-claims.ts';

const now = Date.UTC(2026, 11, 3, 12);
const want = { issuer: 'https://idp.example.com', clientId: 'closeloop', nonce: 'n-1', now };
const good = {
  iss: 'https://idp.example.com',
  aud: 'closeloop',
  sub: 'user-1',
  nonce: 'n-1',
  iat: now / 1000 - 10,
  exp: now / 1000 + 300,
  email: 'Ada@Example.com',
  email_verified: true,
  name: 'Ada',
};

describe('checkIdTokenClaims', () => {
  it('accepts a token for us, from our issuer, in time, with our nonce; the email lower-cased', () => {
    expect(checkIdTokenClaims(good, want)).toEqual({
      ok: true,
      identity: { subject: 'user-1', email: 'ada@example.com', emailVerified: true, name: 'Ada' },
    });
  });

  it('refuses another issuer, another audience, an expired token and a foreign nonce', () => {
    const reason = (claims: Record<string, unknown>) => {
      const v = checkIdTokenClaims({ ...good, ...claims }, want);
      return v.ok ? 'ok' : v.reason;
    };
    expect(reason({ iss: 'https://idp.example.com/' })).toBe('issuer');
    expect(reason({ aud: 'someone-else' })).toBe('audience');
    expect(reason({ aud: ['closeloop', 'other'] })).toBe('audience');
    expect(reason({ aud: ['closeloop', 'other'], azp: 'closeloop' })).toBe('ok');
    expect(reason({ exp: (now - CLOCK_SKEW_MS) / 1000 - 1 })).toBe('expired');
    expect(reason({ exp: undefined })).toBe('expired');
    expect(reason({ iat: (now + CLOCK_SKEW_MS) / 1000 + 5 })).toBe('not_yet_valid');
    expect(reason({ nonce: 'n-2' })).toBe('nonce');
    expect(reason({ nonce: undefined })).toBe('nonce');
    expect(reason({ sub: '' })).toBe('subject');
  });

  it('counts an email as verified only when the provider says exactly true', () => {
    const v = checkIdTokenClaims({ ...good, email_verified: 'true' }, want);
    expect(v.ok && v.identity.emailVerified).toBe(false);
  });
});

describe('identityWithUserinfo', () => {
  const bare = { subject: 'user-1', email: null, emailVerified: false, name: null };
  it('takes the email from userinfo of the same subject only', () => {
    const info = { sub: 'user-1', email: 'Ada@example.com', email_verified: true, name: 'Ada' };
    expect(identityWithUserinfo(bare, info)).toEqual({
      subject: 'user-1',
      email: 'ada@example.com',
      emailVerified: true,
      name: 'Ada',
    });
    expect(identityWithUserinfo(bare, { ...info, sub: 'user-2' })).toEqual(bare);
  });
});
