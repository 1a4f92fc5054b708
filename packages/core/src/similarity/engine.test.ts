import { describe, expect, it } from 'vitest';
import { framesInText } from './document.ts';
import { findSimilar, LIKELY_DUPLICATE_SCORE } from './engine.ts';
import { MemoryIndex } from './memory-index.ts';
import { recency } from './signals.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

function corpus(): MemoryIndex {
  const index = new MemoryIndex();
  index.add(1, T0, {
    title: 'Checkout button does nothing on Safari',
    description: 'Clicking pay does nothing.',
  });
  index.add(2, T0 + DAY, {
    title: 'Login page slow',
    description: 'The login page takes 5 seconds to render.',
  });
  index.add(3, T0 + 2 * DAY, {
    title: 'NameNode crashes on startup',
    description:
      'java.lang.NullPointerException\n  at org.apache.hadoop.hdfs.FSNamesystem.loadImage(FSNamesystem.java:12)',
  });
  index.add(4, T0 + 3 * DAY, {
    title: 'Typo in the docs',
    description: 'The word checkout is misspelt on the help page.',
  });
  return index;
}

describe('findSimilar', () => {
  it('ranks the report of the same problem first, a report that only shares a word lower', async () => {
    const found = await findSimilar(corpus(), {
      text: { title: 'Safari: checkout pay button not working', description: '' },
      at: T0 + 4 * DAY,
    });
    expect(found.map((m) => m.id).slice(0, 2)).toEqual([1, 4]);
    expect(found[0]?.score).toBeGreaterThan(found[1]?.score ?? 0);
  });

  it('matches a stack frame pasted in a description against a machine-found issue’s frames', async () => {
    const index = corpus();
    index.add(5, T0 + 3 * DAY, { title: 'Error', description: '', frames: ['FSNamesystem.loadImage'] });
    const found = await findSimilar(index, {
      text: { title: 'Error', description: '', frames: ['fsnamesystem.loadimage'] },
      at: T0 + 4 * DAY,
    });
    expect(found[0]?.id).toBe(5);
    expect(found[0]?.signals.frames).toBe(1);
    expect(found.find((m) => m.id === 3)?.signals.frames).toBe(1);
  });

  it('flags a near-verbatim report as a likely duplicate and an unrelated one not', async () => {
    const index = corpus();
    const same = await findSimilar(index, {
      text: { title: 'Login page slow', description: 'The login page takes 5 seconds to render.' },
      at: T0 + 2 * DAY,
    });
    expect(same[0]?.id).toBe(2);
    expect(same[0]?.score).toBeGreaterThanOrEqual(LIKELY_DUPLICATE_SCORE);
    const other = await findSimilar(index, {
      text: { title: 'Search page crashes in Firefox', description: '' },
      at: T0 + 90 * DAY,
    });
    expect(other[0]?.score ?? 0).toBeLessThan(LIKELY_DUPLICATE_SCORE);
  });

  it('leaves out the asking issue itself and answers nothing for an empty text', async () => {
    const index = corpus();
    const found = await findSimilar(index, {
      text: { title: 'Login page slow', description: '' },
      at: T0,
      excludeId: 2,
    });
    expect(found.map((m) => m.id)).not.toContain(2);
    expect(await findSimilar(index, { text: { title: 'the of', description: '' }, at: T0 })).toEqual([]);
  });

  it('forgets a removed issue and its statistics', async () => {
    const index = corpus();
    index.remove(2);
    expect((await index.stats()).docCount).toBe(3);
    expect((await index.docFreqs(['login'])).get('login')).toBe(0);
    const found = await findSimilar(index, { text: { title: 'Login page slow', description: '' }, at: T0 });
    expect(found.map((m) => m.id)).not.toContain(2);
  });
});

describe('signals', () => {
  it('reads Java and V8 frames from text, innermost last', () => {
    const text =
      'Error\n\tat org.a.Outer.call(Outer.java:1)\n\tat org.a.Inner.fail(Inner.java:2)\n  at render (app.js:1:2)';
    expect(framesInText(text)).toEqual(['render', 'Inner.fail', 'Outer.call']);
  });

  it('halves the recency prior after thirty days', () => {
    expect(recency(T0, T0)).toBe(1);
    expect(recency(T0 + 30 * DAY, T0)).toBeCloseTo(0.5);
  });
});
