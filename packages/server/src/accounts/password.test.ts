import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_HASH_COST, hashPassword, setPasswordHashCost, verifyPassword } from './password.ts';

describe('password hashing', () => {
  // The production cost, whatever an earlier suite in this worker left behind; the run's own
  // cheap cost (vitest.config.ts) again afterwards, or every later sign-in pays 160 ms.
  beforeEach(() => setPasswordHashCost(DEFAULT_PASSWORD_HASH_COST));
  afterAll(() => setPasswordHashCost(Number(process.env.PASSWORD_HASH_COST ?? DEFAULT_PASSWORD_HASH_COST)));
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });
  it('salts each hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
  it('keeps verifying hashes made at another cost after the cost changes', async () => {
    setPasswordHashCost(10);
    const cheap = await hashPassword('made in a test run');
    setPasswordHashCost(DEFAULT_PASSWORD_HASH_COST);
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await hashPassword('x')).toMatch(/^scrypt\$32768\$/);
    expect(await verifyPassword('made in a test run', cheap)).toBe(true);
    expect(await verifyPassword('made in a test ruN', cheap)).toBe(false);
  });
  it('rejects malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });
});
