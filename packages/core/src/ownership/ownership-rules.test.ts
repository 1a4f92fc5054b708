import { describe, expect, it } from 'vitest';
import { globMatches } from './glob.ts';
import {
  framePathsOf,
  matchOwnership,
  type OwnershipRule,
  type OwnershipSubject,
} from './ownership-rules.ts';

const subject = (over: Partial<OwnershipSubject> = {}): OwnershipSubject => ({
  type: 'bug',
  labels: [],
  fields: {},
  title: '',
  description: '',
  route: null,
  url: null,
  framePaths: [],
  errorType: null,
  release: null,
  ...over,
});
const DESIGN = 1;
const CHECKOUT = 2;
const LEE = 11;
const rule = (
  name: string,
  when: OwnershipRule['when'],
  teamId: number | null,
  userId: number | null = null,
) => ({
  name,
  when,
  teamId,
  userId,
});

describe('ownership rules', () => {
  const rules: OwnershipRule[] = [
    rule('risks to design', { types: ['risk'] }, DESIGN),
    rule('checkout pages', { routes: ['/checkout/**'] }, CHECKOUT),
    rule('payment errors to Lee', { routes: ['/checkout/**'], errorTypes: ['PaymentError'] }, CHECKOUT, LEE),
    rule('brand label', { labels: ['Brand'] }, DESIGN),
  ];

  it('routes a machine-found issue by its route, and a later, more specific rule wins (CODEOWNERS order)', () => {
    const slow = matchOwnership(rules, subject({ route: '/checkout/pay' }));
    expect(slow?.rule.name).toBe('checkout pages');
    expect(slow?.reasons).toEqual(['route /checkout/pay matches /checkout/**']);
    const payment = matchOwnership(rules, subject({ route: '/checkout/pay', errorType: 'PaymentError' }));
    expect(payment).toMatchObject({ index: 2, rule: { teamId: CHECKOUT, userId: LEE } });
    expect(payment?.reasons).toEqual(['route /checkout/pay matches /checkout/**', 'error type PaymentError']);
  });

  it('needs every stated condition: a payment error elsewhere is not the checkout rule', () => {
    expect(matchOwnership(rules, subject({ route: '/account', errorType: 'PaymentError' }))).toBeNull();
  });

  it('matches people-made issues by type, labels (any case), custom fields and text', () => {
    expect(matchOwnership(rules, subject({ type: 'risk' }))?.rule.name).toBe('risks to design');
    expect(matchOwnership(rules, subject({ labels: ['brand'] }))?.reasons).toEqual(['label Brand']);
    const byField = [rule('mobile', { fields: { component: ['Mobile app'] } }, DESIGN)];
    expect(matchOwnership(byField, subject({ fields: { component: ['Web', 'Mobile app'] } }))).not.toBeNull();
    expect(matchOwnership(byField, subject({ fields: { component: 'Web' } }))).toBeNull();
    const byText = [rule('assets', { text: ['design v5'] }, DESIGN)];
    expect(
      matchOwnership(byText, subject({ title: 'Marketing used Design v3, not Design V5' }))?.reasons,
    ).toEqual(['text mentions "design v5"']);
  });

  it('matches stack frame paths, releases and full URLs', () => {
    const r = [
      rule('payments code', { framePaths: ['src/payments/**'] }, CHECKOUT),
      rule('2.4 line', { releases: ['shop@2.4.*'] }, DESIGN),
    ];
    const frames = framePathsOf([
      { filename: 'https://shop.example/src/payments/card.ts' },
      { abs_path: './lib/x.js' },
    ]);
    expect(frames).toEqual(['src/payments/card.ts', 'lib/x.js']);
    expect(matchOwnership(r, subject({ framePaths: frames }))?.reasons).toEqual([
      'stack frame src/payments/card.ts matches src/payments/**',
    ]);
    expect(matchOwnership(r, subject({ release: 'shop@2.4.1' }))?.rule.name).toBe('2.4 line');
    const byUrl = [rule('checkout', { routes: ['/checkout'] }, CHECKOUT)];
    expect(matchOwnership(byUrl, subject({ url: 'https://shop.example/checkout/pay?x=1' }))).not.toBeNull();
  });

  it('ignores a rule without conditions or without an owner', () => {
    expect(matchOwnership([rule('empty', {}, DESIGN)], subject())).toBeNull();
    expect(matchOwnership([rule('nobody', { types: ['bug'] }, null)], subject())).toBeNull();
  });
});

describe('glob patterns', () => {
  it('keeps * inside a segment, lets ** cross segments, and treats plain paths as prefixes', () => {
    expect(globMatches('/checkout/*', '/checkout/pay')).toBe(true);
    expect(globMatches('/checkout/*', '/checkout/pay/card')).toBe(false);
    expect(globMatches('/checkout/**', '/checkout/pay/card')).toBe(true);
    expect(globMatches('/checkout', '/checkout/pay')).toBe(true);
    expect(globMatches('/checkout', '/checkouts')).toBe(false);
    expect(globMatches('/a.b', '/axb')).toBe(false);
  });
});
