import { describe, expect, it } from 'vitest';
import { BreadcrumbBuffer } from './breadcrumbs.ts';

const crumb = (n: number) => ({ timestamp: n, type: 'click' as const, message: `c${n}` });

describe('BreadcrumbBuffer', () => {
  it('keeps the last N, oldest first', () => {
    const buffer = new BreadcrumbBuffer(3);
    for (let i = 1; i <= 5; i++) buffer._add(crumb(i));
    expect(buffer._snapshot().map((c) => c.timestamp)).toEqual([3, 4, 5]);
  });

  it('caps at the contract limit of 100 and allows 0 (off)', () => {
    const big = new BreadcrumbBuffer(1_000);
    for (let i = 0; i < 150; i++) big._add(crumb(i));
    expect(big._snapshot()).toHaveLength(100);
    const off = new BreadcrumbBuffer(0);
    off._add(crumb(1));
    expect(off._snapshot()).toEqual([]);
  });

  it('returns a copy', () => {
    const buffer = new BreadcrumbBuffer(2);
    buffer._add(crumb(1));
    const snap = buffer._snapshot();
    buffer._add(crumb(2));
    expect(snap).toHaveLength(1);
  });
});
