import { describe, expect, it } from 'vitest';
import { navigationTiming } from './page-load.ts';

function buildNavigation(overrides: Partial<Record<keyof PerformanceNavigationTiming, number>> = {}) {
  return {
    domainLookupStart: 5,
    domainLookupEnd: 25,
    connectStart: 25,
    secureConnectionStart: 40,
    connectEnd: 80,
    responseStart: 200.26,
    responseEnd: 260,
    domInteractive: 500,
    domContentLoadedEventEnd: 520,
    loadEventEnd: 900,
    duration: 900,
    transferSize: 12_345,
    ...overrides,
  } as unknown as PerformanceNavigationTiming;
}

describe('navigationTiming', () => {
  it('turns a navigation entry into spans and milestones, rounded to 0.1 ms', () => {
    expect(navigationTiming(buildNavigation())).toEqual({
      dns: 20,
      connect: 55,
      tls: 40,
      ttfb: 200.3,
      response: 59.7,
      dom_interactive: 500,
      dom_content_loaded: 520,
      load: 900,
      duration: 900,
      transfer_size: 12_345,
    });
  });

  it('leaves out what was not measured', () => {
    const timing = navigationTiming(buildNavigation({ secureConnectionStart: 0, loadEventEnd: -1 }));
    expect(timing).not.toHaveProperty('tls');
    expect(timing).not.toHaveProperty('load');
    expect(timing.dns).toBe(20);
  });
});
