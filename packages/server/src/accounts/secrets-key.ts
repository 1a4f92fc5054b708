import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the key of accounts/secret-box.ts comes from: SECRETS_KEY (base64 or hex of 32 bytes,
 * checked by config.ts) when set — what every deployment with several processes or machines
 * must do, as they all need the same key; otherwise `<DATA_DIR>/secrets.key`, made on first use
 * with fresh random bytes and mode 0600, so an embedded (one-process) install works without
 * setting anything. Back the key up apart from the database: without it, sealed secrets are lost
 * (people set up two-factor sign-in again, an admin enters the provider's client secret again).
 */
export function secretsKeyLoader(config: { SECRETS_KEY?: string | undefined; DATA_DIR: string }) {
  return (): Buffer => {
    if (config.SECRETS_KEY) return decodeSecretsKey(config.SECRETS_KEY);
    const file = join(config.DATA_DIR, 'secrets.key');
    mkdirSync(config.DATA_DIR, { recursive: true });
    try {
      // 'wx': of two processes starting at once, one writes and the other reads what it wrote.
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return decodeSecretsKey(readFileSync(file, 'utf8').trim());
  };
}

/** 64 hex digits or base64 of 32 bytes; anything else throws (config.ts turns it into a readable error). */
export function decodeSecretsKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes, as 64 hex digits or base64');
  return key;
}
