import { describe, expect, it } from 'vitest';
import { duplicateNote, duplicateRefusal, followersOfOriginal } from './duplicate-closing.ts';

const side = (id: number, over: Partial<Parameters<typeof duplicateRefusal>[0]> = {}) => ({
  id,
  key: `A-${id}`,
  closed: false,
  resolution: null,
  duplicateOf: null,
  ...over,
});

describe('duplicateRefusal', () => {
  it('accepts an open issue and an original that is open or fixed', () => {
    expect(duplicateRefusal(side(1), side(2))).toBeNull();
    expect(duplicateRefusal(side(1), side(2, { closed: true, resolution: 'fixed' }))).toBeNull();
  });
  it('refuses an issue as its own duplicate', () => {
    expect(duplicateRefusal(side(1), side(1))?.code).toBe('self');
  });
  it('refuses to close an issue that is already closed', () => {
    expect(duplicateRefusal(side(1, { closed: true, resolution: 'fixed' }), side(2))?.code).toBe(
      'already_closed',
    );
  });
  it('refuses a duplicate as the original and names its root', () => {
    const r = duplicateRefusal(
      side(1),
      side(2, { closed: true, resolution: 'duplicate', duplicateOf: 'A-7' }),
    );
    expect(r?.code).toBe('original_is_duplicate');
    expect(r?.message).toContain('A-7');
  });
});

describe('followersOfOriginal', () => {
  it('adds the reporter and watchers not already watching, never the closer', () => {
    expect(
      followersOfOriginal({
        dupWatcherIds: [3, 4, 5, 9],
        dupReporterId: 3,
        originalWatcherIds: [4],
        actorId: 9,
      }),
    ).toEqual({ subscribed: [5], reporters: [3] });
  });
  it('leaves a reporter who already watches the original alone', () => {
    expect(
      followersOfOriginal({ dupWatcherIds: [3], dupReporterId: 3, originalWatcherIds: [3], actorId: 1 }),
    ).toEqual({ subscribed: [], reporters: [] });
  });
});

describe('duplicateNote', () => {
  it('names the original first and keeps what the closer wrote', () => {
    expect(duplicateNote('A-2', '  same crash ')).toBe('Duplicate of A-2. same crash');
    expect(duplicateNote('A-2', null)).toBe('Duplicate of A-2.');
  });
});
