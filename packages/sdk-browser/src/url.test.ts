import { describe, expect, it } from 'vitest';
import { matchesAny } from './options.ts';
import { scrubUrl } from './url.ts';

describe('scrubUrl', () => {
  it('masks sensitive query values and keeps the rest', () => {
    expect(scrubUrl('https://a.test/cb?code=abc&state=1&access_token=x')).toBe(
      'https://a.test/cb?code=[Filtered]&state=1&access_token=[Filtered]',
    );
  });

  it('resolves relative URLs against a base and drops credentials', () => {
    expect(scrubUrl('/api/cart?id=3', 'https://shop.test/x')).toBe('https://shop.test/api/cart?id=3');
    expect(scrubUrl('https://u:p@shop.test/')).toBe('https://shop.test/');
  });

  it('returns unparsable input unchanged', () => {
    expect(scrubUrl('::nope')).toBe('::nope');
  });
});

describe('matchesAny', () => {
  it('matches substrings and regular expressions', () => {
    expect(matchesAny('https://x.test/health', ['/health'])).toBe(true);
    expect(matchesAny('https://analytics.test/collect', [/analytics\./])).toBe(true);
    expect(matchesAny('https://x.test/', ['/health', /y/])).toBe(false);
  });
});
