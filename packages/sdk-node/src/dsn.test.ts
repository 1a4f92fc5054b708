import { describe, expect, it } from 'vitest';
import { parseDsn } from './dsn.ts';

describe('parseDsn', () => {
  it('reads key, host, port and project id', () => {
    expect(parseDsn('http://abc123@localhost:4000/7')).toEqual({
      publicKey: 'abc123',
      projectId: '7',
      origin: 'http://localhost:4000',
      ingestUrl: 'http://localhost:4000/api/ingest/v1/events?key=abc123',
    });
  });

  it('keeps a path prefix before the project id (Closeloop behind a sub-path)', () => {
    expect(parseDsn('https://k@errors.example.com/closeloop/12')?.ingestUrl).toBe(
      'https://errors.example.com/closeloop/api/ingest/v1/events?key=k',
    );
  });

  it('rejects what is not a DSN', () => {
    for (const bad of [
      undefined,
      '',
      'nonsense',
      'ftp://k@h/1',
      'http://h/1',
      'http://k@h/',
      'http://k:s@h/1',
    ])
      expect(parseDsn(bad)).toBeUndefined();
  });
});
