import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, passwordProblem } from './password-rules.ts';

const common = new Set(['password123', 'qwertyuiop']);
const ctx = { isCommon: (p: string) => common.has(p), email: 'mia.member@example.com' };

describe('password rules (NIST SP 800-63B)', () => {
  it('accepts a long passphrase without digits or symbols, and spaces and any script', () => {
    expect(passwordProblem('correct horse battery staple', ctx)).toBeNull();
    expect(passwordProblem('пароль-для-входа', ctx)).toBeNull();
    expect(passwordProblem(`${'x'.repeat(63)}y`, ctx)).toBeNull();
  });

  it('needs 8 characters, counted as characters, and allows up to the maximum', () => {
    expect(passwordProblem('short12', ctx)?.reason).toBe('too_short');
    // Four emoji are 8 UTF-16 units but only 4 characters.
    expect(passwordProblem('🔑🔑🔑🔑', ctx)?.reason).toBe('too_short');
    expect(passwordProblem('ab'.repeat(PASSWORD_MAX_LENGTH / 2), ctx)).toBeNull();
    expect(passwordProblem(`${'ab'.repeat(PASSWORD_MAX_LENGTH / 2)}c`, ctx)?.reason).toBe('too_long');
  });

  it('refuses listed passwords in any letter case, and one character repeated', () => {
    expect(passwordProblem('Password123', ctx)).toMatchObject({ reason: 'common' });
    expect(passwordProblem('QWERTYUIOP', ctx)?.message).toMatch(/too common/);
    expect(passwordProblem('zzzzzzzzzzzz', ctx)?.reason).toBe('common');
  });

  it('refuses the account email or its name part', () => {
    expect(passwordProblem('Mia.Member@example.com', ctx)?.reason).toBe('matches_email');
    expect(passwordProblem('mia.member', ctx)?.reason).toBe('matches_email');
  });
});
