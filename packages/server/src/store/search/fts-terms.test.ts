import { describe, expect, it } from 'vitest';
import { postgresTsQuery, sqliteMatchExpression } from './fts-terms.ts';

describe('full-text terms', () => {
  it('quotes every word so user text never becomes FTS syntax', () => {
    expect(sqliteMatchExpression('slow "load" OR NEAR(x)')).toBe('"slow" "load" "or" "near" "x"*');
    expect(postgresTsQuery("checkout & !drop ' |")).toBe('checkout & drop:*');
  });
  it('returns null when nothing searchable is left', () => {
    expect(sqliteMatchExpression('  ---  ')).toBeNull();
    expect(postgresTsQuery('()')).toBeNull();
  });
});
