import { describe, expect, it } from 'vitest';
import { assertCanShare, canEditView, canReadView } from './view-policy.ts';

const owner = { userId: 1, role: 'member' as const };
const other = { userId: 2, role: 'member' as const };
const admin = { userId: 3, role: 'admin' as const };

describe('saved view policy', () => {
  it('keeps personal views to their owner, even from admins', () => {
    const v = { ownerId: 1, shared: false };
    expect([canReadView(owner, v), canReadView(other, v), canReadView(admin, v)]).toEqual([
      true,
      false,
      false,
    ]);
    expect([canEditView(owner, v), canEditView(other, v), canEditView(admin, v)]).toEqual([
      true,
      false,
      false,
    ]);
  });
  it('lets everyone read a shared view and its creator or an admin edit it', () => {
    const v = { ownerId: 1, shared: true };
    expect([canReadView(owner, v), canReadView(other, v), canReadView(admin, v)]).toEqual([true, true, true]);
    expect([canEditView(owner, v), canEditView(other, v), canEditView(admin, v)]).toEqual([
      true,
      false,
      true,
    ]);
  });
  it('refuses sharing to viewers', () => {
    expect(() => assertCanShare({ userId: 9, role: 'viewer' }, true)).toThrow(/viewer/);
    expect(() => assertCanShare({ userId: 9, role: 'viewer' }, false)).not.toThrow();
  });
});
