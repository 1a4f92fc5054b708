import { describe, expect, it } from 'vitest';
import { conversion, type Flow, stepsReached } from './flows.ts';

const checkout: Flow = { name: 'Checkout', steps: ['/cart', '/checkout', '/order/:id'] };
const visits = (...paths: string[]) => paths.map((path, at) => ({ path, at }));

describe('flows', () => {
  it('count steps reached in order, other pages in between', () => {
    expect(stepsReached(checkout, visits('/', '/cart', '/product/1', '/checkout', '/order/9'))).toBe(3);
    expect(stepsReached(checkout, visits('/checkout', '/cart'))).toBe(1);
    expect(stepsReached(checkout, visits('/'))).toBe(0);
  });

  it('convert entered sessions; abandonment is the rest', () => {
    const c = conversion(checkout, [
      visits('/cart', '/checkout', '/order/1'),
      visits('/cart', '/checkout'),
      visits('/cart'),
      visits('/about'),
    ]);
    expect(c).toMatchObject({ sessions: 4, entered: 3, completed: 1 });
    expect(c.abandonment).toBeCloseTo(2 / 3);
    expect(conversion(checkout, [visits('/')]).rate).toBeNull();
  });
});
