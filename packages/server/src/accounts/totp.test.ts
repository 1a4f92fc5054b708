import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  newRecoveryCodes,
  otpauthUri,
  totpCode,
  totpStep,
} from './totp.ts';

// RFC 6238 appendix B, SHA-1: the key is the ASCII of "12345678901234567890".
const RFC_KEY = Buffer.from('12345678901234567890');

describe('TOTP (RFC 6238)', () => {
  it('computes the RFC 6238 test vectors (8 digits) and RFC 4226 HOTP values', () => {
    expect(hotp(RFC_KEY, totpStep(59_000), 8)).toBe('94287082');
    expect(hotp(RFC_KEY, totpStep(1_111_111_109_000), 8)).toBe('07081804');
    expect(hotp(RFC_KEY, totpStep(20_000_000_000_000), 8)).toBe('65353130');
    // RFC 4226 appendix D, counters 0 and 9.
    expect(hotp(RFC_KEY, 0)).toBe('755224');
    expect(hotp(RFC_KEY, 9)).toBe('520489');
  });

  it('round-trips base32 (RFC 4648) and decodes the RFC key', () => {
    expect(base32Encode(RFC_KEY)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(RFC_KEY);
  });

  it('accepts the code of this step and of one step either side, never one already used', () => {
    const secret = base32Encode(RFC_KEY);
    const now = 1_700_000_000_000;
    const step = totpStep(now);
    expect(matchTotp(secret, totpCode(secret, now), now, null)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, now - 30_000), now, null)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, now + 30_000), now, null)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, now - 60_000), now, null)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, now), now, step)).toBeNull();
    expect(matchTotp(secret, '12345', now, null)).toBeNull();
  });

  it('writes an otpauth URI authenticator apps read, and ten distinct recovery codes', () => {
    expect(otpauthUri('Closeloop', 'a@b.test', 'ABC')).toBe(
      'otpauth://totp/Closeloop%3Aa%40b.test?secret=ABC&issuer=Closeloop&algorithm=SHA1&digits=6&period=30',
    );
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
  });
});
