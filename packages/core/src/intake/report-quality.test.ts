import { describe, expect, it } from 'vitest';
import { reportGaps } from './report-quality.ts';

describe('reportGaps', () => {
  it('flags a vague one-liner as missing everything', () => {
    expect(reportGaps({ description: "it's broken" })).toEqual(['steps', 'expected', 'actual', 'detail']);
  });

  it('finds nothing missing in a report with steps, expected and actual', () => {
    expect(
      reportGaps({
        description: 'Checkout fails when I pay',
        steps: 'Add the jacket to the cart, press Checkout',
        expected: 'An order confirmation',
        actual: 'Payment failed, try again',
      }),
    ).toEqual([]);
  });

  it('accepts numbered steps written inside the description', () => {
    const gaps = reportGaps({
      description: '1. open the cart 2. press checkout 3. nothing happens',
      expected: 'the payment page',
      actual: 'an error banner',
    });
    expect(gaps).toEqual([]);
  });

  it('counts a single-word answer as not given', () => {
    expect(
      reportGaps({
        description: 'The checkout page shows an error when paying by card today',
        steps: 'checkout',
        expected: 'works',
        actual: 'an error banner',
      }),
    ).toEqual(['steps', 'expected']);
  });
});
