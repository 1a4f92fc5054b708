import { Invalid } from '@closeloop/shared/errors';
import { describe, expect, it } from 'vitest';
import { dsnForIngestKey, envelopeEndpoint, formatDsn, InvalidDsn, parseDsn } from './dsn.ts';

describe('parseDsn', () => {
  it('reads the parts of a plain DSN', () => {
    expect(parseDsn('https://abc123@closeloop.example.com/42')).toEqual({
      protocol: 'https',
      publicKey: 'abc123',
      host: 'closeloop.example.com',
      path: '',
      projectId: '42',
    });
  });

  it('reads secret, port and a path prefix', () => {
    expect(parseDsn('http://pub:sec@127.0.0.1:8080/closeloop/sub/7')).toEqual({
      protocol: 'http',
      publicKey: 'pub',
      secretKey: 'sec',
      host: '127.0.0.1',
      port: 8080,
      path: 'closeloop/sub',
      projectId: '7',
    });
  });

  it('keeps IPv6 hosts bracketed', () => {
    const dsn = parseDsn('http://k@[::1]:9000/1');
    expect(dsn.host).toBe('[::1]');
    expect(formatDsn(dsn)).toBe('http://k@[::1]:9000/1');
  });

  it.each([
    ['not a url', 'not_a_url'],
    ['ftp://k@h/1', 'bad_protocol'],
    ['https://h/1', 'missing_public_key'],
    ['https://bad-key@h/1', 'bad_public_key'],
    ['https://k@h', 'missing_project_id'],
    ['https://k@h/', 'missing_project_id'],
    ['https://k@h/abc', 'bad_project_id'],
    ['https://k@h/1?x=1', 'unexpected_query'],
  ])('refuses %s with reason %s', (input, reason) => {
    let caught: unknown;
    try {
      parseDsn(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidDsn);
    expect(caught).toBeInstanceOf(Invalid);
    expect((caught as InvalidDsn).reason).toBe(reason);
    expect((caught as InvalidDsn).code).toBe('invalid');
  });
});

describe('formatDsn', () => {
  it('round-trips and leaves the secret out unless asked', () => {
    const text = 'https://pub:sec@h.example:8443/p/9';
    const dsn = parseDsn(text);
    expect(formatDsn(dsn)).toBe('https://pub@h.example:8443/p/9');
    expect(formatDsn(dsn, { withSecret: true })).toBe(text);
    const { secretKey: _secret, ...withoutSecret } = dsn;
    expect(parseDsn(formatDsn(dsn))).toEqual(withoutSecret);
  });
});

describe('dsnForIngestKey', () => {
  it('builds the DSN for a key on a server base URL, keeping a path prefix', () => {
    expect(dsnForIngestKey('https://closeloop.example.com', 'k_1', 42)).toBe(
      'https://k_1@closeloop.example.com/42',
    );
    expect(dsnForIngestKey('http://localhost:3000/tracker/', 'abc', '3')).toBe(
      'http://abc@localhost:3000/tracker/3',
    );
  });

  it('refuses a key the Sentry SDKs would refuse', () => {
    expect(() => dsnForIngestKey('https://h', 'has-dash', 1)).toThrow(InvalidDsn);
  });
});

describe('envelopeEndpoint', () => {
  it('is where a Sentry SDK posts', () => {
    expect(envelopeEndpoint(parseDsn('http://k@127.0.0.1:9000/base/42'))).toBe(
      'http://127.0.0.1:9000/base/api/42/envelope/',
    );
  });
});
