import type { RoutingDecision } from '@closeloop/shared/api/assignment';

/**
 * What the explanation adds to the matched rule: the server writes `rule "<name>" (<reasons>)`,
 * then `; then <strategy's reason>` when a team strategy chose the person. The rule part is shown
 * on its own, so it is cut off here (leaving nothing when the rule named the person itself).
 */
export function strategyPart(d: RoutingDecision): string {
  if (!d.ruleName) return d.explanation;
  const rule = `rule "${d.ruleName}" (${(d.ruleReasons ?? []).join(', ')})`;
  if (!d.explanation.startsWith(rule)) return d.explanation;
  return d.explanation.slice(rule.length).replace(/^; then /, '');
}
