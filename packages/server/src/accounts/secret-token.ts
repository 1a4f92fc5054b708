import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets handed to people (session cookies, API tokens, invitations) are random and stored only
 * as a SHA-256 hash: a leaked database does not leak a usable credential. A readable prefix
 * tells the kinds apart in logs and secret scanners.
 */
export function newSecret(prefix: 'cls' | 'clt' | 'cli' | 'clr' | 'clc'): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
