import { describe, expect, it } from 'vitest';
import { DEAD_CLICK_TIMEOUT_MS, DeadClickDetector } from './dead-click-detector.ts';

describe('DeadClickDetector', () => {
  it('reports a click nothing answered within the timeout', () => {
    const d = new DeadClickDetector<string>();
    d._click('save', 100);
    expect(d._expire(100 + DEAD_CLICK_TIMEOUT_MS - 1)).toEqual([]);
    expect(d._expire(100 + DEAD_CLICK_TIMEOUT_MS)).toEqual([{ target: 'save', at: 100 }]);
    expect(d._size).toBe(0);
  });

  it('a mutation, request or navigation after the click clears it', () => {
    const d = new DeadClickDetector<string>();
    d._click('save', 100);
    d._activity(150);
    expect(d._expire(5_000)).toEqual([]);
  });

  it('activity before the click does not count', () => {
    const d = new DeadClickDetector<string>();
    d._click('save', 100);
    d._activity(99);
    expect(d._expire(100 + DEAD_CLICK_TIMEOUT_MS)).toEqual([{ target: 'save', at: 100 }]);
  });

  it('repeat clicks on the same element (rage) make one candidate', () => {
    const d = new DeadClickDetector<string>();
    expect(d._click('save', 0)).toBe(true);
    expect(d._click('save', 100)).toBe(false);
    expect(d._click('other', 100)).toBe(true);
    expect(d._expire(1_050)).toEqual([{ target: 'save', at: 0 }]);
    expect(d._expire(1_100)).toEqual([{ target: 'other', at: 100 }]);
  });
});
