import { describe, expect, it } from 'vitest';
import { type SlaOutcome, slaCompliance } from './sla-compliance.ts';

const D = 86_400_000;
const period = { from: 10 * D, to: 20 * D };
const o = (over: Partial<SlaOutcome>): SlaOutcome => ({
  key: 'A-1',
  priority: 'high',
  metric: 'first_response',
  state: 'met',
  breachedAt: null,
  stoppedAt: 12 * D,
  ...over,
});

describe('SLA compliance of a period', () => {
  it('counts clocks met or breached within the period, overall and per priority (hand-computed)', () => {
    const outcomes = [
      o({ key: 'A-1' }), // met in period
      o({ key: 'A-2', state: 'breached', breachedAt: 11 * D, stoppedAt: 13 * D }), // breached in period
      o({ key: 'A-3', priority: 'urgent', state: 'breached', breachedAt: 15 * D, stoppedAt: null }), // still open
      o({ key: 'A-4', stoppedAt: 5 * D }), // met before the period: not counted
      o({ key: 'A-5', state: 'running', stoppedAt: null }), // undecided
      o({ key: 'A-1', metric: 'resolution', state: 'met', stoppedAt: 19 * D }),
    ];
    const c = slaCompliance(outcomes, period);
    expect(c.tracked).toBe(true);
    expect(c.rows).toEqual([
      { metric: 'first_response', priority: null, met: 1, breached: 2, rate: 0.333 },
      { metric: 'first_response', priority: 'urgent', met: 0, breached: 1, rate: 0 },
      { metric: 'first_response', priority: 'high', met: 1, breached: 1, rate: 0.5 },
      { metric: 'resolution', priority: null, met: 1, breached: 0, rate: 1 },
      { metric: 'resolution', priority: 'high', met: 1, breached: 0, rate: 1 },
    ]);
    expect(c.openBreaches).toBe(1);
  });

  it('has no rate where nothing was decided', () => {
    const c = slaCompliance([], period);
    expect(c.tracked).toBe(false);
    expect(c.rows.map((r) => r.rate)).toEqual([null, null]);
  });
});
