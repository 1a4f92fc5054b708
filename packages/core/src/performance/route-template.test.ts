import { describe, expect, it } from 'vitest';
import { learnTemplates, matchesPattern, routeTemplate } from './route-template.ts';

describe('route templates', () => {
  it('turn ids into :id and drop query, fragment and origin', () => {
    expect(routeTemplate('https://shop.test/product/123?ref=x#top')).toBe('/product/:id');
    expect(routeTemplate('/orders/0b0c5a38-4e2c-4f7e-9c55-1f9a2b3c4d5e/items')).toBe('/orders/:id/items');
    expect(routeTemplate('/u/5f2a9c0e1d3b7a64')).toBe('/u/:id');
    expect(routeTemplate('/checkout')).toBe('/checkout');
    expect(routeTemplate('')).toBe('/');
  });

  it("use the project's patterns first", () => {
    expect(routeTemplate('/product/red-shoes', ['/product/:slug'])).toBe('/product/:slug');
    expect(routeTemplate('/docs/a/b', ['/docs/*'])).toBe('/docs/*');
    expect(routeTemplate('/cart', ['/product/:slug'])).toBe('/cart');
  });

  it('match patterns segment by segment, with a trailing wildcard', () => {
    expect(matchesPattern('/checkout*', '/checkout')).toBe(true);
    expect(matchesPattern('/checkout*', '/checkout-step-2')).toBe(true);
    expect(matchesPattern('/checkout/*', '/checkout/pay/now')).toBe(true);
    expect(matchesPattern('/order/:id', '/order/7')).toBe(true);
    expect(matchesPattern('/order/:id', '/order/7/items')).toBe(false);
    expect(matchesPattern('/cart', '/carts')).toBe(false);
  });

  it('learn a slug position when many values share a prefix', () => {
    const paths = Array.from({ length: 25 }, (_, i) => `/product/item-${String.fromCharCode(97 + i)}`);
    expect(learnTemplates([...paths, '/cart', '/checkout'], 20)).toEqual(['/product/:slug']);
    expect(learnTemplates(paths.slice(0, 5), 20)).toEqual([]);
  });
});
