import { describe, expect, it } from 'vitest';
import { emptyEvidence, type SeverityEvidence } from './evidence.ts';
import { blockingSignal, deadlineSignal, riskSignal, typeSignal, votesSignal } from './people-signals.ts';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const issue = (over: Partial<SeverityEvidence>): SeverityEvidence => ({ ...emptyEvidence(NOW), ...over });

describe('people-written signals', () => {
  it('ranks incidents above bugs above features', () => {
    expect(typeSignal(issue({ type: 'incident' })).strength).toBeGreaterThan(
      typeSignal(issue({ type: 'bug' })).strength,
    );
    expect(typeSignal(issue({ type: 'bug' })).strength).toBeGreaterThan(
      typeSignal(issue({ type: 'feature' })).strength,
    );
  });
  it('uses the risk matrix for risks and impact alone for the rest', () => {
    const risk = riskSignal(issue({ type: 'risk', impact: 4, likelihood: 5 }));
    expect(risk.strength).toBeCloseTo(20 / 25);
    expect(risk.reason).toBe('risk 4×5');
    expect(riskSignal(issue({ type: 'risk', impact: 4, likelihood: 1 })).strength).toBeCloseTo(4 / 25);
    expect(riskSignal(issue({ type: 'bug', impact: 5, likelihood: 1 })).strength).toBe(1);
    expect(riskSignal(issue({ type: 'bug' })).strength).toBe(0);
  });
  it('presses harder as the due date or milestone nears', () => {
    const week = deadlineSignal(issue({ milestoneDue: '2026-12-09', milestoneName: 'Launch' }));
    const month = deadlineSignal(issue({ dueDate: '2027-01-02' }));
    expect(week.strength).toBeGreaterThan(month.strength);
    expect(week.reason).toBe('milestone Launch in 7d');
    expect(deadlineSignal(issue({ dueDate: '2026-11-30' }))).toMatchObject({
      strength: 1,
      reason: 'due overdue',
    });
    expect(deadlineSignal(issue({})).strength).toBe(0);
  });
  it('counts blocked work and votes with diminishing returns', () => {
    expect(blockingSignal(issue({ blocks: 3 })).strength).toBeGreaterThan(
      blockingSignal(issue({ blocks: 1 })).strength,
    );
    expect(blockingSignal(issue({ blocks: 3 })).reason).toBe('blocks 3');
    expect(votesSignal(issue({ reporters: 1, plusOnes: 0 })).strength).toBe(0);
    expect(votesSignal(issue({ reporters: 3, plusOnes: 2 })).reason).toBe('4 +1');
  });
});
