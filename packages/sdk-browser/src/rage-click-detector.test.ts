import { describe, expect, it } from 'vitest';
import { RAGE_CLICK_WINDOW_MS, RageClickDetector } from './rage-click-detector.ts';

describe('RageClickDetector', () => {
  it('reports 3 quick clicks on one element once the burst ends, with the full count', () => {
    const d = new RageClickDetector<string>();
    expect(d._click('pay', 10, 10, 0)).toBeUndefined();
    expect(d._click('pay', 12, 11, 200)).toBeUndefined();
    expect(d._click('pay', 11, 12, 400)).toBeUndefined();
    expect(d._click('pay', 10, 10, 600)).toBeUndefined();
    expect(d._expire(600 + RAGE_CLICK_WINDOW_MS)).toBeUndefined();
    expect(d._expire(601 + RAGE_CLICK_WINDOW_MS)).toEqual({ target: 'pay', count: 4, first: 0, last: 600 });
    expect(d._expire(10_000)).toBeUndefined();
  });

  it('ignores a double click', () => {
    const d = new RageClickDetector<string>();
    d._click('a', 0, 0, 0);
    d._click('a', 0, 0, 100);
    expect(d._expire(5_000)).toBeUndefined();
  });

  it('needs 3 clicks inside one second, not just close to each other', () => {
    const d = new RageClickDetector<string>();
    d._click('a', 0, 0, 0);
    d._click('a', 0, 0, 900);
    d._click('a', 0, 0, 1_800); // three clicks, but spread over 1.8 s
    expect(d._expire(5_000)).toBeUndefined();
  });

  it('a click on another element ends the burst and reports it', () => {
    const d = new RageClickDetector<string>();
    d._click('a', 0, 0, 0);
    d._click('a', 0, 0, 100);
    d._click('a', 0, 0, 200);
    expect(d._click('b', 0, 0, 300)).toMatchObject({ target: 'a', count: 3 });
  });

  it('clicks more than 30 px apart do not add up', () => {
    const d = new RageClickDetector<string>();
    d._click('canvas', 0, 0, 0);
    d._click('canvas', 40, 0, 100);
    d._click('canvas', 80, 0, 200);
    expect(d._expire(5_000)).toBeUndefined();
  });
});
