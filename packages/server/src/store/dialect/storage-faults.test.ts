import { describe, expect, it } from 'vitest';
import { storageFault } from './storage-faults.ts';

const err = (code: string | undefined, message = 'x') =>
  Object.assign(new Error(message), code ? { code } : {});

describe('storageFault: which database errors mean "retry later"', () => {
  it('recognises PostgreSQL going away, refusing connections or running out of room', () => {
    for (const code of ['55000', '57P01', '57P03', '08006', '08001', '53100', '53300', '40001'])
      expect(storageFault(err(code)), code).toBe('unavailable');
  });

  it('recognises connection refusals, also inside an AggregateError or a cause', () => {
    expect(storageFault(new AggregateError([err('ECONNREFUSED')], 'connect failed'))).toBe('unavailable');
    expect(storageFault(new Error('wrapped', { cause: err('ECONNRESET') }))).toBe('unavailable');
    expect(storageFault(err(undefined, 'Connection terminated unexpectedly'))).toBe('unavailable');
  });

  it('recognises a full SQLite database and the rollback error that follows it', () => {
    expect(storageFault(err('SQLITE_FULL', 'database or disk is full'))).toBe('unavailable');
    expect(storageFault(err('SQLITE_IOERR_WRITE'))).toBe('unavailable');
    expect(storageFault(err('SQLITE_ERROR', 'cannot rollback - no transaction is active'))).toBe(
      'unavailable',
    );
  });

  it('calls text PostgreSQL cannot store bad input, and leaves bugs alone', () => {
    expect(storageFault(err('22021'))).toBe('unstorable');
    expect(storageFault(err('23505'))).toBeNull();
    expect(storageFault(err('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageFault(new TypeError('x is undefined'))).toBeNull();
    expect(storageFault(null)).toBeNull();
  });
});
