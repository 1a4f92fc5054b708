import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets the server must read back (TOTP secrets, an SSO provider's client secret) cannot be
 * hashed like passwords, so they are sealed with AES-256-GCM under SECRETS_KEY before they reach
 * the database: a leaked database (or backup) without the key does not leak them.
 *
 * Stored form: `sealed:v1:<key id>:<base64url(iv ‖ ciphertext ‖ tag)>`. The key id (8 hex of the
 * key's SHA-256) makes a process with the wrong key fail loudly instead of reading garbage. The
 * associated data names the column and row (`totp:42`), so a sealed value copied onto another
 * person's row does not open there.
 */
const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretKeyMismatch extends Error {}

export class SecretBox {
  #key: Buffer | undefined;

  /** `loadKey` runs once, at the first seal or open (a process that never touches a secret needs no key). */
  constructor(private readonly loadKey: () => Buffer) {}

  private key(): Buffer {
    this.#key ??= this.loadKey();
    if (this.#key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes');
    return this.#key;
  }

  private keyId(): string {
    return createHash('sha256').update(this.key()).digest('hex').slice(0, 8);
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(), iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    return `${PREFIX}${this.keyId()}:${sealed}`;
  }

  /**
   * The clear text of a stored value. A value stored before sealing existed (no prefix) is
   * returned as it is; sealClearSecrets (commands/sealed-secrets.ts) seals those at start-up.
   */
  open(stored: string, context: string): string {
    if (!isSealed(stored)) return stored;
    const [keyId, data] = stored.slice(PREFIX.length).split(':');
    if (keyId !== this.keyId() || !data)
      throw new SecretKeyMismatch(
        `A secret was sealed with another SECRETS_KEY (key id ${keyId}); every process must share one key`,
      );
    const raw = Buffer.from(data, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key(), raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}

export const SEALED_PREFIX = PREFIX;

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}
