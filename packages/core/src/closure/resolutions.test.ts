import { RESOLUTIONS } from '@closeloop/shared/issue-fields';
import { describe, expect, it } from 'vitest';
import {
  projectResolutions,
  resolutionEditRefusal,
  resolutionName,
  resolutionRefusal,
} from './resolutions.ts';

const list = projectResolutions([
  { key: 'wont_fix', name: 'Not planned', retired: false },
  { key: 'declined', name: 'Declined', retired: true },
  { key: 'works_as_designed', name: 'Works as designed', retired: false },
  { key: 'vendor_bug', name: 'Vendor bug', retired: true },
  // A stored override cannot retire a pinned built-in.
  { key: 'fixed', name: 'Fixed', retired: true },
]);

describe('projectResolutions', () => {
  it('lists the built-ins (renamed, retired) before the project’s own', () => {
    expect(list.map((r) => r.key)).toEqual([...RESOLUTIONS, 'works_as_designed', 'vendor_bug']);
    expect(list.find((r) => r.key === 'wont_fix')).toEqual({
      key: 'wont_fix',
      name: 'Not planned',
      builtIn: true,
      retired: false,
    });
    expect(list.find((r) => r.key === 'fixed')?.retired).toBe(false);
    expect(list.find((r) => r.key === 'works_as_designed')?.builtIn).toBe(false);
  });
});

describe('resolutionRefusal', () => {
  it('accepts active resolutions, refuses unknown and retired ones', () => {
    expect(resolutionRefusal(list, 'works_as_designed', null)).toBeNull();
    expect(resolutionRefusal(list, 'fixed', null)).toBeNull();
    expect(resolutionRefusal(list, 'nonsense', null)).toMatch(/not a resolution/);
    expect(resolutionRefusal(list, 'vendor_bug', null)).toMatch(/Vendor bug is retired/);
    expect(resolutionRefusal(list, 'declined', 'fixed')).toMatch(/retired/);
  });
  it('lets an issue keep the retired resolution it was closed with', () => {
    expect(resolutionRefusal(list, 'vendor_bug', 'vendor_bug')).toBeNull();
  });
});

describe('resolutionEditRefusal', () => {
  it('never retires or removes fixed and duplicate', () => {
    expect(resolutionEditRefusal(list, 'fixed', { retired: true })).toMatch(/fix verification/);
    expect(resolutionEditRefusal(list, 'duplicate', { retired: true })).toMatch(/cannot be retired/);
    expect(resolutionEditRefusal(list, 'fixed', { retired: false })).toBeNull();
  });
  it('retires other built-ins but removes only the project’s own', () => {
    expect(resolutionEditRefusal(list, 'cannot_reproduce', { retired: true })).toBeNull();
    expect(resolutionEditRefusal(list, 'cannot_reproduce', { remove: true })).toMatch(/built in/);
    expect(resolutionEditRefusal(list, 'works_as_designed', { remove: true })).toBeNull();
    expect(resolutionEditRefusal(list, 'ghost', {})).toMatch(/not a resolution/);
  });
});

describe('resolutionName', () => {
  it('names a resolution as the project does, or its key in words', () => {
    expect(resolutionName(list, 'wont_fix')).toBe('Not planned');
    expect(resolutionName(list, 'vendor_bug')).toBe('Vendor bug');
    expect(resolutionName(list, 'gone_away')).toBe('Gone away');
  });
});
