import { describe, expect, it } from 'vitest';
import { verifierRefusal } from './verification-step.ts';

const verify = { name: 'Verify', verification: true };

describe('verifierRefusal', () => {
  it('refuses the resolver confirming their own fix', () => {
    expect(verifierRefusal({ from: verify, toCategory: 'done', resolverId: 7, actorId: 7 })).toBe(
      '"Verify" needs a verifier other than the person who moved the issue there',
    );
  });
  it('lets someone else confirm it, and anyone send it back', () => {
    expect(verifierRefusal({ from: verify, toCategory: 'done', resolverId: 7, actorId: 8 })).toBeNull();
    expect(
      verifierRefusal({ from: verify, toCategory: 'in_progress', resolverId: 7, actorId: 7 }),
    ).toBeNull();
  });
  it('does nothing for statuses that are not a verification step', () => {
    expect(
      verifierRefusal({ from: { name: 'Review' }, toCategory: 'done', resolverId: 7, actorId: 7 }),
    ).toBeNull();
  });
});
