import type { RoutingDecision } from '@closeloop/shared/api/assignment';
import { describe, expect, it } from 'vitest';
import { strategyPart } from './routing-explanation.ts';

const decision = (over: Partial<RoutingDecision>): RoutingDecision => ({
  at: '2026-12-03T08:00:00.000Z',
  ruleName: null,
  ruleReasons: null,
  strategy: null,
  teamId: 1,
  userId: 2,
  explanation: '',
  ...over,
});

describe('the strategy part of a routing explanation', () => {
  it('is empty when the matched rule named the person itself (the rule is not repeated)', () => {
    const d = decision({
      ruleName: 'Payment bugs',
      ruleReasons: ['type is bug', 'label payments'],
      explanation: 'rule "Payment bugs" (type is bug, label payments)',
    });
    expect(strategyPart(d)).toBe('');
  });

  it('is the strategy’s reason after a rule that named only a team', () => {
    const d = decision({
      ruleName: 'Route (checkout)',
      ruleReasons: ['route /checkout matches /checkout/**'],
      strategy: 'least-loaded',
      explanation:
        'rule "Route (checkout)" (route /checkout matches /checkout/**); then least-loaded: Lee Chen has the lightest load',
    });
    expect(strategyPart(d)).toBe('least-loaded: Lee Chen has the lightest load');
  });

  it('is the whole explanation when no rule matched', () => {
    const d = decision({ strategy: 'round-robin', explanation: 'round-robin: next in turn is Sam Okafor' });
    expect(strategyPart(d)).toBe('round-robin: next in turn is Sam Okafor');
  });
});
