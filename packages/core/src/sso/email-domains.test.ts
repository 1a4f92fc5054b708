import { describe, expect, it } from 'vitest';
import { domainAllowed, emailDomain, normaliseDomains } from './email-domains.ts';

describe('single sign-on email domains', () => {
  it('admits exactly the listed domains, not their subdomains or look-alikes', () => {
    const allowed = ['example.com'];
    expect(domainAllowed('ada@example.com', allowed)).toBe(true);
    expect(domainAllowed('ada@EXAMPLE.com', allowed)).toBe(true);
    expect(domainAllowed('eve@evil.example.com', allowed)).toBe(false);
    expect(domainAllowed('eve@example.com.evil.io', allowed)).toBe(false);
    expect(domainAllowed('no-at-sign', allowed)).toBe(false);
    expect(emailDomain('a@b@c.org')).toBe('c.org');
  });

  it('normalises what admins type: case, a leading @, blanks and repeats', () => {
    expect(normaliseDomains([' @Example.com', 'example.com', '', 'corp.io'])).toEqual([
      'example.com',
      'corp.io',
    ]);
  });
});
