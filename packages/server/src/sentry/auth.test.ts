import { describe, expect, it } from 'vitest';
import {
  authFromEnvelopeDsn,
  extractPublicKey,
  ProjectMismatch,
  parseSentryAuthHeader,
  SentryAuthError,
} from './auth.ts';

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SentryAuthError) return error.reason;
    if (error instanceof ProjectMismatch) return 'project_mismatch';
    throw error;
  }
  return undefined;
}

describe('parseSentryAuthHeader', () => {
  it('reads the pairs a Sentry SDK sends', () => {
    expect(
      parseSentryAuthHeader(
        'Sentry sentry_version=7, sentry_client=sentry.javascript.browser/11.12.0, sentry_key=abc123, sentry_timestamp=1700000000',
      ),
    ).toEqual({
      sentry_version: '7',
      sentry_client: 'sentry.javascript.browser/11.12.0',
      sentry_key: 'abc123',
      sentry_timestamp: '1700000000',
    });
  });

  it('tolerates a missing "Sentry" prefix, odd spacing and quoted values', () => {
    expect(parseSentryAuthHeader('sentry_key="abc",sentry_version=7 ,')).toEqual({
      sentry_key: 'abc',
      sentry_version: '7',
    });
  });

  it('refuses a piece that is not key=value', () => {
    expect(reasonOf(() => parseSentryAuthHeader('Sentry sentry_key'))).toBe('malformed_header');
  });
});

describe('extractPublicKey', () => {
  it('takes the key from X-Sentry-Auth', () => {
    const auth = extractPublicKey({
      headers: { 'x-sentry-auth': 'Sentry sentry_version=7, sentry_client=raven-node/2.6.4, sentry_key=k1' },
    });
    expect(auth).toEqual({ publicKey: 'k1', source: 'header', client: 'raven-node/2.6.4', version: '7' });
  });

  it('takes the key from Authorization: Sentry …, header names in any case', () => {
    expect(extractPublicKey({ headers: { Authorization: 'Sentry sentry_key=k2' } }).publicKey).toBe('k2');
    expect(extractPublicKey({ headers: { 'X-Sentry-Auth': 'Sentry sentry_key=k3' } }).publicKey).toBe('k3');
  });

  it('takes the key from the query string (URLSearchParams or a parsed object)', () => {
    const params = new URLSearchParams(
      'sentry_version=7&sentry_key=k4&sentry_client=sentry.javascript.browser%2F11.0.0',
    );
    expect(extractPublicKey({ headers: {}, query: params })).toEqual({
      publicKey: 'k4',
      source: 'query',
      client: 'sentry.javascript.browser/11.0.0',
      version: '7',
    });
    expect(extractPublicKey({ headers: {}, query: { sentry_key: ['k5', 'x'] } }).publicKey).toBe('k5');
  });

  it('takes the key from the envelope DSN and checks its project against the path', () => {
    const auth = extractPublicKey({
      headers: {},
      envelopeDsn: 'https://k6@o1.example.com/42',
      projectIdFromPath: '42',
    });
    expect(auth).toEqual({ publicKey: 'k6', source: 'envelope' });
    expect(
      reasonOf(() =>
        extractPublicKey({ headers: {}, envelopeDsn: 'https://k6@h/43', projectIdFromPath: '42' }),
      ),
    ).toBe('project_mismatch');
  });

  it('prefers the header over the envelope DSN', () => {
    const auth = extractPublicKey({
      headers: { 'x-sentry-auth': 'Sentry sentry_key=fromheader' },
      envelopeDsn: 'https://fromdsn@h/1',
    });
    expect(auth.publicKey).toBe('fromheader');
  });

  it.each([
    ['nothing at all', {}, 'missing'],
    [
      'a header without sentry_key',
      { headers: { 'x-sentry-auth': 'Sentry sentry_version=7' } },
      'missing_key',
    ],
    ['an empty key', { query: { sentry_key: '' } }, 'missing_key'],
    ['a key with odd characters', { query: { sentry_key: 'a b' } }, 'bad_key'],
    [
      'header and query disagreeing',
      { headers: { 'x-sentry-auth': 'Sentry sentry_key=a' }, query: { sentry_key: 'b' } },
      'conflicting_keys',
    ],
    ['a DSN that is not a string', { envelopeDsn: 42 }, 'bad_dsn'],
    ['a DSN that does not parse', { envelopeDsn: 'https://h/1' }, 'bad_dsn'],
  ])('refuses %s', (_name, input, reason) => {
    expect(reasonOf(() => extractPublicKey({ headers: {}, ...input }))).toBe(reason);
  });

  it('answers 401-class errors for auth and 400-class for a project mismatch', () => {
    expect(() => extractPublicKey({ headers: {} })).toThrow(SentryAuthError);
    expect(new SentryAuthError('missing', 'x').code).toBe('unauthenticated');
    expect(() => authFromEnvelopeDsn('https://k@h/2', '1')).toThrow(ProjectMismatch);
    expect(new ProjectMismatch('1', '2').code).toBe('invalid');
  });
});
