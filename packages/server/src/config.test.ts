import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('hashes passwords at scrypt N = 2^15 unless told otherwise', () => {
    expect(loadConfig({}).PASSWORD_HASH_COST).toBe(15);
    expect(loadConfig({ PASSWORD_HASH_COST: '17' }).PASSWORD_HASH_COST).toBe(17);
  });

  it('lets only test runs hash passwords below the default cost', () => {
    expect(loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: '10' }).PASSWORD_HASH_COST).toBe(10);
    expect(() => loadConfig({ NODE_ENV: 'production', PASSWORD_HASH_COST: '10' })).toThrow(
      /PASSWORD_HASH_COST: below 15 only for test runs/,
    );
    expect(() => loadConfig({ PASSWORD_HASH_COST: '9', NODE_ENV: 'test' })).toThrow(/PASSWORD_HASH_COST/);
  });

  it('ends sessions after 14 idle days or 30 days in all unless configured, idle never above the maximum', () => {
    const day = 24 * 3600 * 1000;
    expect(loadConfig({}).session).toEqual({ idleMs: 14 * day, absoluteMs: 30 * day });
    expect(loadConfig({ SESSION_IDLE_DAYS: '0.5', SESSION_MAX_DAYS: '7' }).session).toEqual({
      idleMs: day / 2,
      absoluteMs: 7 * day,
    });
    expect(() => loadConfig({ SESSION_IDLE_DAYS: '20', SESSION_MAX_DAYS: '10' })).toThrow(
      /SESSION_IDLE_DAYS: at most SESSION_MAX_DAYS/,
    );
  });
});
