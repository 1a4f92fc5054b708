import { describe, expect, it } from 'vitest';
import { reportGaps, unansweredPrompts } from './report-quality.ts';

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

describe('reportGaps under an issue type’s report rules', () => {
  const TEMPLATE = '## What were you doing?\n## Which page?';

  it('asks only for the prompts the type requires', () => {
    const r = { description: 'The checkout page shows an error when paying by card today' };
    expect(reportGaps(r, { required: ['steps'] })).toEqual(['steps']);
    expect(reportGaps(r, { required: [] })).toEqual([]);
  });

  it('counts a template left as it was for nothing', () => {
    const untouched = {
      description: `${TEMPLATE}\nbroken`,
      steps: 'open cart',
      expected: 'a receipt',
      actual: 'an error',
    };
    expect(reportGaps(untouched, { template: TEMPLATE, required: [] })).toEqual(['detail']);
    // Without the rule the template's words would pass for detail.
    expect(reportGaps(untouched, { required: [] })).toEqual([]);
    const filled = {
      ...untouched,
      description: `${TEMPLATE}\nPaying for the winter jacket from the product page`,
    };
    expect(reportGaps(filled, { template: TEMPLATE, required: [] })).toEqual([]);
  });
});

describe('unansweredPrompts', () => {
  it('lists the required prompts left blank', () => {
    expect(
      unansweredPrompts({ description: 'x', steps: ' ', actual: 'crash' }, ['steps', 'actual', 'expected']),
    ).toEqual(['steps', 'expected']);
  });
});
