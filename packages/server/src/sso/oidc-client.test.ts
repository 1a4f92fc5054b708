import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertProviderUrl, newPkce } from './oidc-client.ts';

describe('where the server may call an identity provider', () => {
  const refused = (url: string, allowLoopback = false) => {
    try {
      assertProviderUrl(url, allowLoopback);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('takes https anywhere but link-local and metadata addresses, private ranges included', () => {
    expect(refused('https://login.example.com/realms/acme')).toBeNull();
    expect(refused('https://10.0.0.5:8443')).toBeNull();
    expect(refused('https://169.254.169.254/latest')).toMatch(/may not be reached/);
    expect(refused('https://[fe80::1]/')).toMatch(/may not be reached/);
    expect(refused('http://login.example.com')).toMatch(/https/);
    expect(refused('https://login.example.com/?x=1')).toMatch(/query/);
    expect(refused('not a url')).toMatch(/must be a URL/);
  });

  it('reaches loopback (plain http allowed there) only with SSO_ALLOW_LOOPBACK', () => {
    for (const url of ['http://127.0.0.1:8080', 'https://localhost', 'http://[::1]:9000', 'http://127.9.9.9'])
      expect(refused(url)).toMatch(/SSO_ALLOW_LOOPBACK/);
    expect(refused('http://127.0.0.1:8080', true)).toBeNull();
    expect(refused('http://localhost:3000', true)).toBeNull();
  });
});

it('makes a PKCE verifier of 43 base64url characters and its S256 challenge (RFC 7636)', () => {
  const { verifier, challenge } = newPkce();
  expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
  expect(newPkce().verifier).not.toBe(verifier);
});
