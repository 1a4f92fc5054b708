import { describe, expect, it } from 'vitest';
import { addSample, type Histogram } from '../performance/histogram.ts';
import { type PerfIssueFacts, performanceVerdict, windowHistograms } from './performance-verification.ts';

const H = 3_600_000;
const hist = (ms: number, n: number): Histogram => {
  const h: Histogram = {};
  for (let i = 0; i < n; i++) addSample(h, ms * (1 + (i % 5) / 100));
  return h;
};
/** Noon in New York on 10 Nov 2026 (EST, UTC−5). */
const NOON = Date.UTC(2026, 10, 10, 17);
const checkout: PerfIssueFacts = {
  metric: 'api',
  target: 'POST /api/checkout',
  hour: NOON,
  timeZone: 'America/New_York',
  p75: 4100,
  threshold: 3000,
};
const release = (name: string, firstSeen: number, sessions: number, ms: number) => ({
  release: name,
  firstSeen,
  sessions,
  hist: hist(ms, 100),
});

describe('performanceVerdict', () => {
  const before = release('shop@1.0.0', 0, 5000, 4100);
  it('confirms the fix when the p75 fell, with the figures as evidence', () => {
    const v = performanceVerdict({
      issue: checkout,
      fixRelease: 'shop@1.1.0',
      releases: [before, release('shop@1.1.0', 10 * H, 4000, 300), release('shop@1.2.0', 20 * H, 210, 310)],
      now: 22 * H,
    });
    expect(v.state).toBe('verified');
    expect(v.evidence).toMatch(
      /^Fixed: p75 of POST \/api\/checkout 4\.\d s → 3\d\d ms over 4,210 sessions on shop@1\.1\.0 or later$/,
    );
  });
  it('says not fixed when the p75 stayed, or fell but not out of the poor zone', () => {
    const stayed = performanceVerdict({
      issue: checkout,
      fixRelease: 'shop@1.1.0',
      releases: [before, release('shop@1.1.0', 10 * H, 400, 3800)],
      now: 12 * H,
    });
    expect(stayed.state).toBe('not_fixed');
    expect(stayed.evidence).toMatch(
      /^Not fixed: p75 of POST \/api\/checkout 4\.\d s → 3\.\d s over 400 sessions/,
    );
    const stillPoor = performanceVerdict({
      issue: { ...checkout, p75: 8000 },
      fixRelease: 'shop@1.1.0',
      releases: [release('shop@1.0.0', 0, 5000, 8000), release('shop@1.1.0', 10 * H, 400, 3200)],
      now: 12 * H,
    });
    expect(stillPoor.state).toBe('not_fixed');
  });
  it('waits for samples of the target, and after 7 days stays awaiting verification saying why', () => {
    const quiet = { ...release('shop@1.1.0', 10 * H, 500, 300), hist: {} };
    const waiting = performanceVerdict({
      issue: checkout,
      fixRelease: 'shop@1.1.0',
      releases: [before, quiet],
      now: 12 * H,
    });
    expect(waiting).toEqual({
      state: 'awaiting_verification',
      evidence: 'No POST /api/checkout samples in the slow window on shop@1.1.0 or later yet',
    });
    const later = 10 * H + 8 * 24 * H;
    const noSamples = performanceVerdict({
      issue: checkout,
      fixRelease: 'shop@1.1.0',
      releases: [before, quiet],
      now: later,
    });
    expect(noSamples).toEqual({
      state: 'stalled',
      evidence: 'No POST /api/checkout samples in the slow window on shop@1.1.0 or later after 7 days',
    });
    const noSessions = performanceVerdict({
      issue: checkout,
      fixRelease: 'shop@1.1.0',
      releases: [before, { ...quiet, sessions: 0 }],
      now: later,
    });
    expect(noSessions).toEqual({
      state: 'stalled',
      evidence: 'Only 0 sessions on shop@1.1.0 or later after 7 days (needs 200 or 24 h of traffic)',
    });
  });
  it('uses the p75 recorded on the issue when no sample before the fix is kept', () => {
    const v = performanceVerdict({
      issue: checkout,
      fixRelease: 'shop@1.1.0',
      releases: [release('shop@1.1.0', 10 * H, 300, 300)],
      now: 12 * H,
    });
    expect(v.state).toBe('verified');
    expect(v.evidence).toContain('4.1 s → 3');
  });
});

describe('windowHistograms', () => {
  it('keeps only the hours at the issue’s local time, per release', () => {
    const rows = [
      { release: 'a', hour: NOON, hist: hist(4000, 3) },
      { release: 'a', hour: NOON + H, hist: hist(300, 50) },
      { release: 'a', hour: NOON + 24 * H, hist: hist(4000, 2) },
      { release: 'b', hour: NOON - 24 * H, hist: hist(300, 4) },
    ];
    const w = windowHistograms(rows, checkout);
    const count = (h: Histogram | undefined) => Object.values(h ?? {}).reduce((n, c) => n + c, 0);
    expect(count(w.get('a'))).toBe(5);
    expect(count(w.get('b'))).toBe(4);
  });
});
