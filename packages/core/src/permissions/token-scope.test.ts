import { describe, expect, it } from 'vitest';
import { assertInScope, FULL_SCOPE } from './token-scope.ts';

const status = (fn: () => void) => {
  try {
    fn();
    return 'through';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('API token scope', () => {
  it('lets a full token through everywhere', () => {
    expect(status(() => assertInScope(FULL_SCOPE, 'DELETE', null))).toBe('through');
    expect(status(() => assertInScope(FULL_SCOPE, 'POST', 'SHOP'))).toBe('through');
  });

  it('lets a read-only token read and refuses every write', () => {
    const ro = { readOnly: true, projectKey: null };
    expect(status(() => assertInScope(ro, 'GET', null))).toBe('through');
    expect(status(() => assertInScope(ro, 'HEAD', 'SHOP'))).toBe('through');
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE'])
      expect(status(() => assertInScope(ro, m, 'SHOP'))).toBe('forbidden');
  });

  it('keeps a project token in its project: others are hidden, workspace-wide routes refused', () => {
    const shop = { readOnly: false, projectKey: 'SHOP' };
    expect(status(() => assertInScope(shop, 'POST', 'SHOP'))).toBe('through');
    expect(status(() => assertInScope(shop, 'GET', 'shop'))).toBe('through');
    expect(status(() => assertInScope(shop, 'GET', 'OPS'))).toBe('not_found');
    expect(status(() => assertInScope(shop, 'GET', undefined))).toBe('not_found');
    expect(status(() => assertInScope(shop, 'GET', null))).toBe('forbidden');
  });

  it('applies both limits to a read-only project token', () => {
    const both = { readOnly: true, projectKey: 'SHOP' };
    expect(status(() => assertInScope(both, 'GET', 'SHOP'))).toBe('through');
    expect(status(() => assertInScope(both, 'PATCH', 'SHOP'))).toBe('forbidden');
  });
});
