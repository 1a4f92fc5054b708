import { expect, it } from 'vitest';
import { passwordSignInAllowed } from './sso-only.ts';

it('under "SSO only" only owners sign in with a password (break-glass); otherwise everyone may', () => {
  expect(passwordSignInAllowed('owner', true)).toBe(true);
  for (const role of ['admin', 'member', 'viewer'] as const) {
    expect(passwordSignInAllowed(role, true)).toBe(false);
    expect(passwordSignInAllowed(role, false)).toBe(true);
  }
});
