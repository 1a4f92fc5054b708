import { describe, expect, it } from 'vitest';
import { scopeQueryToProject } from './scope-query.ts';

describe('scopeQueryToProject', () => {
  it('wraps the whole query, so OR and NOT keep their meaning inside the project', () => {
    expect(scopeQueryToProject('label:ux OR label:launch', 'SHOP')).toBe(
      'project:SHOP (label:ux OR label:launch)',
    );
    expect(scopeQueryToProject('NOT label:ux', 'SHOP')).toBe('project:SHOP (NOT label:ux)');
    expect(scopeQueryToProject('checkout', 'SHOP')).toBe('project:SHOP (checkout)');
  });

  it('keeps sort directives at the top level', () => {
    expect(scopeQueryToProject('sort:priority-desc label:ux -label:launch', 'SHOP')).toBe(
      'project:SHOP (label:ux -label:launch) sort:priority-desc',
    );
    expect(scopeQueryToProject('sort:updated-asc', 'SHOP')).toBe('project:SHOP sort:updated-asc');
  });

  it('leaves queries alone without a project, when they name one, or when they do not parse', () => {
    expect(scopeQueryToProject('label:ux OR label:launch', null)).toBe('label:ux OR label:launch');
    expect(scopeQueryToProject('project:API OR label:ux', 'SHOP')).toBe('project:API OR label:ux');
    expect(scopeQueryToProject('(((', 'SHOP')).toBe('(((');
    expect(scopeQueryToProject('', 'SHOP')).toBe('project:SHOP');
  });
});
