import { describe, expect, it } from 'vitest';
import { parseDsn } from './dsn.ts';

describe('parseDsn', () => {
  it('derives origin, key, project and the ingest URL', () => {
    expect(parseDsn('https://abc123@closeloop.example.com/42')).toEqual({
      publicKey: 'abc123',
      projectId: '42',
      origin: 'https://closeloop.example.com',
      ingestUrl: 'https://closeloop.example.com/api/ingest/v1/events?key=abc123',
    });
  });

  it('keeps a port and a path prefix before the project id (Closeloop behind a sub-path)', () => {
    const dsn = parseDsn(' http://k@127.0.0.1:8080/closeloop/7 ');
    expect(dsn?.origin).toBe('http://127.0.0.1:8080/closeloop');
    expect(dsn?.projectId).toBe('7');
    expect(dsn?.ingestUrl).toBe('http://127.0.0.1:8080/closeloop/api/ingest/v1/events?key=k');
  });

  it.each([
    [undefined],
    [''],
    ['not a url'],
    ['https://closeloop.example.com/42'],
    ['https://key@closeloop.example.com/'],
    ['ftp://key@closeloop.example.com/1'],
    ['https://key:secret@closeloop.example.com/1'],
  ])('rejects %s', (input) => {
    expect(parseDsn(input)).toBeUndefined();
  });
});
