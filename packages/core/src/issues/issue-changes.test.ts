import { describe, expect, it } from 'vitest';
import { diffFields } from './issue-changes.ts';

describe('diffFields', () => {
  it('records only the fields that changed, with old and new values', () => {
    const before = { title: 'a', priority: 'low', labels: ['x'], due: null as string | null };
    const after = { title: 'a', priority: 'high', labels: ['x', 'y'], due: '2026-12-01' };
    expect(diffFields(before, after, ['title', 'priority', 'labels', 'due'])).toEqual([
      { field: 'priority', from: 'low', to: 'high' },
      { field: 'labels', from: ['x'], to: ['x', 'y'] },
      { field: 'due', from: null, to: '2026-12-01' },
    ]);
  });
  it('treats undefined and null as the same empty value', () => {
    expect(diffFields({ a: undefined }, { a: null }, ['a'])).toEqual([]);
  });
});
