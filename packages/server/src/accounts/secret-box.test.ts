import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSealed, SecretBox, SecretKeyMismatch } from './secret-box.ts';
import { secretsKeyLoader } from './secrets-key.ts';

describe('SecretBox (AES-256-GCM under SECRETS_KEY)', () => {
  const key = randomBytes(32);
  const box = new SecretBox(() => key);

  it('seals so the stored text holds no trace of the secret, and opens it again', () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const sealed = box.seal(secret, 'totp:7');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(Buffer.from(secret).toString('base64url'));
    expect(box.seal(secret, 'totp:7')).not.toBe(sealed); // a fresh IV each time
    expect(box.open(sealed, 'totp:7')).toBe(secret);
  });

  it('refuses a sealed value moved to another row, changed in storage, or opened with another key', () => {
    const sealed = box.seal('s3cret', 'totp:7');
    expect(() => box.open(sealed, 'totp:8')).toThrow();
    const body = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => box.open(body, 'totp:7')).toThrow();
    expect(() => new SecretBox(() => randomBytes(32)).open(sealed, 'totp:7')).toThrow(SecretKeyMismatch);
  });

  it('reads a value stored before sealing existed as it is', () => {
    expect(box.open('JBSWY3DPEHPK3PXP', 'totp:7')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('without SECRETS_KEY makes <DATA_DIR>/secrets.key once (mode 0600) and keeps using it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'closeloop-key-'));
    try {
      const load = secretsKeyLoader({ DATA_DIR: join(dir, 'data') });
      const first = load();
      expect(first).toHaveLength(32);
      expect(statSync(join(dir, 'data', 'secrets.key')).mode & 0o777).toBe(0o600);
      expect(load().equals(first)).toBe(true);
      const sealed = new SecretBox(load).seal('x', 'c');
      expect(new SecretBox(secretsKeyLoader({ DATA_DIR: join(dir, 'data') })).open(sealed, 'c')).toBe('x');
      const fromEnv = secretsKeyLoader({
        DATA_DIR: dir,
        SECRETS_KEY: readFileSync(join(dir, 'data', 'secrets.key'), 'utf8').trim(),
      });
      expect(fromEnv().equals(first)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
