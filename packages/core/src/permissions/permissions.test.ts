import { describe, expect, it } from 'vitest';
import { assertCan, assertCanGrantRole, can } from './permissions.ts';

describe('permissions', () => {
  it('lets viewers read but not write', () => {
    expect(can('viewer', 'workspace.read')).toBe(true);
    expect(can('viewer', 'issue.create')).toBe(false);
    expect(() => assertCan('viewer', 'comment.create')).toThrow(/viewer cannot comment create/);
  });
  it('lets members edit issues but not manage projects', () => {
    expect(can('member', 'issue.update')).toBe(true);
    expect(can('member', 'project.manage')).toBe(false);
  });
  it('lets admins manage projects and teams but not the workspace', () => {
    expect(can('admin', 'team.manage')).toBe(true);
    expect(can('admin', 'workspace.manage')).toBe(false);
    expect(can('owner', 'workspace.manage')).toBe(true);
  });
  it('stops admins from granting owner', () => {
    expect(() => assertCanGrantRole('admin', 'owner')).toThrow();
    expect(() => assertCanGrantRole('admin', 'member')).not.toThrow();
    expect(() => assertCanGrantRole('owner', 'owner')).not.toThrow();
    expect(() => assertCanGrantRole('member', 'viewer')).toThrow();
  });
});
