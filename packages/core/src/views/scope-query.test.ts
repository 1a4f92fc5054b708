import { describe, expect, it } from 'vitest';
import { projectOfQuery, scopeQueryToProject } from './scope-query.ts';

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

describe('projectOfQuery', () => {
  it('finds the project a scoped view is confined to', () => {
    expect(projectOfQuery(scopeQueryToProject('label:ux OR label:launch', 'SHOP'))).toBe('SHOP');
    expect(projectOfQuery('project:SHOP label:ux sort:priority-desc')).toBe('SHOP');
    expect(projectOfQuery('project:shop')).toBe('SHOP');
  });

  it('finds none when the query may match several projects', () => {
    expect(projectOfQuery('project:API OR label:ux')).toBeNull();
    expect(projectOfQuery('project:API,SHOP label:ux')).toBeNull();
    expect(projectOfQuery('NOT project:API')).toBeNull();
    expect(projectOfQuery('project:API project:SHOP')).toBeNull();
    expect(projectOfQuery('label:ux')).toBeNull();
    expect(projectOfQuery('(((')).toBeNull();
  });
});
