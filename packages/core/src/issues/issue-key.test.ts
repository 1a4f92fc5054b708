import { describe, expect, it } from 'vitest';
import { formatIssueKey, parseIssueKey } from './issue-key.ts';

describe('issue keys', () => {
  it('round-trips SHOP-42', () => {
    expect(parseIssueKey(formatIssueKey('SHOP', 42))).toEqual({ projectKey: 'SHOP', number: 42 });
  });
  it('accepts lower-case keys', () => {
    expect(parseIssueKey('shop-7')).toEqual({ projectKey: 'SHOP', number: 7 });
  });
  it('rejects malformed keys with an Invalid error', () => {
    for (const bad of ['SHOP', '42', 'SHOP-', 'S-1', 'SHOP-1x', '-1']) {
      expect(() => parseIssueKey(bad)).toThrow(/not an issue key/);
    }
  });
});
