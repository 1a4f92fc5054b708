import { describe, expect, it } from 'vitest';
import { emptyEvidence, type SeverityEvidence, SIGNAL_KEYS } from './evidence.ts';
import { DEFAULT_WEIGHTS, priorityForScore, reasonsLine, scoreIssue } from './severity.ts';

const NOW = Date.parse('2026-12-02T13:30:00Z');
const HOUR = 3_600_000;

const checkoutError: SeverityEvidence = {
  ...emptyEvidence(NOW),
  kind: 'error',
  type: 'bug',
  users: 412,
  projectUsers: 1330,
  sessions: 500,
  projectSessions: 2000,
  level: 'error',
  eventType: 'error',
  firstSeen: NOW - 3 * 24 * HOUR,
  hourly: [
    ...Array.from({ length: 26 }, (_, i) => ({
      hour: Date.parse('2026-12-02T11:00:00Z') - i * HOUR,
      count: 20,
    })),
    { hour: Date.parse('2026-12-02T12:00:00Z'), count: 120 },
  ],
  places: ['/checkout'],
  criticalPatterns: ['/checkout'],
  flow: { name: 'checkout', abandonedShare: 0.31, baselineShare: 0.05 },
};

describe('severity score', () => {
  it('explains itself: every signal with its points, summing to the score', () => {
    const s = scoreIssue(checkoutError);
    expect(s.signals.map((c) => c.key).sort()).toEqual([...SIGNAL_KEYS].sort());
    const sum = s.signals.reduce((a, c) => a + c.points, 0);
    expect(s.score).toBe(Math.min(100, Math.round(sum)));
    for (const c of s.signals) expect(c.points).toBeCloseTo(DEFAULT_WEIGHTS[c.key] * c.strength, 1);
    expect(s.signals[0]!.points).toBeGreaterThanOrEqual(s.signals.at(-1)!.points);
  });
  it('puts the top reasons in one line, biggest first', () => {
    const s = scoreIssue(checkoutError);
    expect(s.reasons).toBe('412 users (31%) · checkout · +476% since 12:00 · 500 sessions (25%)');
    expect(s.score).toBeGreaterThanOrEqual(50);
    expect(s.proposedPriority).toMatch(/high|urgent/);
  });
  it('leaves out signals under a point and empty reasons', () => {
    expect(
      reasonsLine([
        { key: 'users', strength: 1, reason: 'a', detail: '', points: 5 },
        { key: 'rate', strength: 0.01, reason: 'b', detail: '', points: 0.5 },
        { key: 'type', strength: 0.5, reason: null, detail: '', points: 4 },
      ]),
    ).toBe('a');
  });
  it('scores harmless noise low and stays within 0–100', () => {
    const noise = scoreIssue({
      ...emptyEvidence(NOW),
      kind: 'error',
      type: 'bug',
      eventType: 'console',
      level: 'error',
      firstSeen: NOW - 10 * 24 * HOUR,
      hourly: Array.from({ length: 48 }, (_, i) => ({
        hour: Date.parse('2026-12-02T13:00:00Z') - i * HOUR,
        count: 800,
      })),
      now: Date.parse('2026-12-02T13:59:00Z'),
    });
    expect(noise.score).toBeLessThan(15);
    const everything = scoreIssue({
      ...checkoutError,
      type: 'incident',
      impact: 5,
      blocks: 9,
      dueDate: '2026-12-01',
    });
    expect(everything.score).toBe(100);
  });
  it('maps scores to proposed priorities at fixed thresholds', () => {
    expect([0, 12, 30, 50, 75, 100].map(priorityForScore)).toEqual([
      'none',
      'low',
      'medium',
      'high',
      'urgent',
      'urgent',
    ]);
  });
});
