import { describe, expect, it } from 'vitest';
import { REPORT_TITLE_MAX, reportDescription, reportTitle } from './report-issue-text.ts';

describe('report issue text', () => {
  it('takes the first non-empty line as the title', () => {
    expect(reportTitle('\n  Checkout   fails \nmore text')).toBe('Checkout fails');
  });

  it('cuts a long first line at a word boundary with an ellipsis', () => {
    const title = reportTitle(`${'word '.repeat(60)}end`);
    expect(title.length).toBeLessThanOrEqual(REPORT_TITLE_MAX);
    expect(title.endsWith('word…')).toBe(true);
  });

  it('puts each answered prompt under its heading and leaves out the empty ones', () => {
    const md = reportDescription({
      description: 'Pay fails',
      expected: 'a receipt',
      actual: '  ',
      url: 'https://shop.test/cart',
    });
    expect(md).toBe(
      'Pay fails\n\n**Expected**\n\na receipt\n\n_Reported from https://shop.test/cart with the feedback widget._',
    );
  });
});
