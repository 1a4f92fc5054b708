/**
 * Password rules after NIST SP 800-63B (5.1.1.2): a minimum length, a generous maximum, no
 * composition rules (no "one digit, one symbol"), every character allowed including spaces, and
 * a refusal of passwords known to be common or breached. Length counts characters (code points),
 * not UTF-16 units, so a passphrase in any script is measured fairly.
 */
export const PASSWORD_MIN_LENGTH = 8;
/** NIST asks for at least 64; scrypt hashes any length at the same cost. */
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem =
  | { reason: 'too_short'; message: string }
  | { reason: 'too_long'; message: string }
  | { reason: 'common'; message: string }
  | { reason: 'matches_email'; message: string };

export interface PasswordContext {
  /** The account's email: a password equal to it (or to its name part) is refused. */
  email?: string | undefined;
  /** True when the lower-cased password is in the bundled list of common/breached passwords. */
  isCommon: (lowerCased: string) => boolean;
}

/** Why the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, ctx: PasswordContext): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return { reason: 'too_short', message: `Use at least ${PASSWORD_MIN_LENGTH} characters` };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { reason: 'too_long', message: `Use at most ${PASSWORD_MAX_LENGTH} characters` };
  }
  const lower = password.toLowerCase();
  const email = ctx.email?.toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0])) {
    return { reason: 'matches_email', message: 'Do not use your email address as your password' };
  }
  // One character repeated is as weak as any listed password, whatever its length.
  if (ctx.isCommon(lower) || new Set(lower).size === 1) {
    return {
      reason: 'common',
      message: 'This password is too common (it appears in lists of breached passwords): choose another',
    };
  }
  return null;
}
