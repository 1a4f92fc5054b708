import { expect, it } from 'vitest';
import { type GroupRole, roleFromGroups } from './group-roles.ts';

const mapping: GroupRole[] = [
  { group: 'staff', role: 'viewer' },
  { group: 'engineering', role: 'member' },
  { group: 'eng-leads', role: 'admin' },
];

it('gives the highest role any of the groups maps to, whatever their order', () => {
  expect(roleFromGroups(['eng-leads', 'staff'], mapping)).toBe('admin');
  expect(roleFromGroups(['staff', 'engineering'], mapping)).toBe('member');
  expect(roleFromGroups('staff', mapping)).toBe('viewer');
});

it('maps nothing for unknown groups, a missing claim or a claim of another shape', () => {
  expect(roleFromGroups(['sales'], mapping)).toBeNull();
  expect(roleFromGroups(undefined, mapping)).toBeNull();
  expect(roleFromGroups({ admin: true }, mapping)).toBeNull();
  expect(roleFromGroups(['Eng-Leads'], mapping)).toBeNull();
});
