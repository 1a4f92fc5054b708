import { describe, expect, it } from 'vitest';
import { branchOfRef, commitRefs } from './commit-refs.ts';

describe('commitRefs', () => {
  it('finds mentioned keys and the ones a closing word fixes', () => {
    expect(commitRefs('Fixes SHOP-42: checkout totals\n\nSee also APP-7')).toEqual({
      mentioned: ['SHOP-42', 'APP-7'],
      fixes: ['SHOP-42'],
    });
  });
  it('reads every closing form, several keys and any case', () => {
    expect(commitRefs('closes: shop-1, SHOP-2 and SHOP-3').fixes).toEqual(['SHOP-1', 'SHOP-2', 'SHOP-3']);
    expect(commitRefs('Resolved APP-9').fixes).toEqual(['APP-9']);
    expect(commitRefs('fixed APP-10').fixes).toEqual(['APP-10']);
  });
  it('does not fix what is only mentioned, nor match inside longer words or numbers', () => {
    expect(commitRefs('Refactor before SHOP-42 lands').fixes).toEqual([]);
    expect(commitRefs('SHOP-421x, SHOP_42 and v1.2-3').mentioned).toEqual([]);
    expect(commitRefs('prefix fixesSHOP-1').fixes).toEqual([]);
  });
});

describe('branchOfRef', () => {
  it('names branches and nothing else', () => {
    expect(branchOfRef('refs/heads/main')).toBe('main');
    expect(branchOfRef('refs/heads/release/2.0')).toBe('release/2.0');
    expect(branchOfRef('refs/tags/v1')).toBeNull();
  });
});
