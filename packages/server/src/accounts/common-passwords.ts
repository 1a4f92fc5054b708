import { readFileSync } from 'node:fs';
import { type PasswordProblem, passwordProblem } from '@closeloop/core/accounts/password-rules';
import { Unprocessable } from '@closeloop/shared/errors';

/**
 * The bundled list of common and breached passwords (common-passwords.txt, lower case, one a
 * line, ~9,000 entries), written for this repository from general knowledge of the most used
 * passwords, their usual suffixes and keyboard walks. Read once, on first use.
 */
let list: Set<string> | null = null;

export function isCommonPassword(lowerCased: string): boolean {
  list ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0),
  );
  return list.has(lowerCased);
}

/** Throws 422 with the rule's message when the password breaks the rules (core/accounts/password-rules). */
export function assertAcceptablePassword(password: string, email?: string): void {
  const problem: PasswordProblem | null = passwordProblem(password, { email, isCommon: isCommonPassword });
  if (problem) {
    throw new Unprocessable(problem.message, { field: 'password', reason: problem.reason });
  }
}
