import { describe, expect, it } from 'vitest';
import { stem, tokenise } from './tokenise.ts';

describe('tokenise', () => {
  it('splits identifiers into their parts and keeps the whole', () => {
    expect(tokenise('FSNamesystem.getBlockLocations')).toEqual([
      'fsnamesystem',
      'fs',
      'namesystem',
      'getblocklocation',
      'block',
      'location',
    ]);
  });

  it('drops stop words, numbers and one-letter tokens', () => {
    expect(tokenise('The build of a 3.4.0 release is x broken at 0x1f')).toEqual([
      'build',
      'releas',
      'broken',
    ]);
  });

  it('folds plurals and verb forms together', () => {
    const forms = ['failures', 'failure', 'failed', 'failing', 'fails'].map(stem);
    expect(new Set(forms)).toEqual(new Set(['failur', 'fail']));
    expect(stem('stopped')).toBe('stop');
    expect(stem('class')).toBe('class');
  });
});
