import type { TermNode } from '@closeloop/core/query/query-ast';
import { QueryError } from '@closeloop/core/query/query-error';
import type { Predicate, QualifierResolver } from './query/qualifier-resolver.ts';

/** Query words → stored badges (issue_sla.badge, kept by the SLA worker). */
const WORDS: Record<string, string[] | 'any' | 'none'> = {
  breaching: ['breaching_soon'],
  breaching_soon: ['breaching_soon'],
  breached: ['breached'],
  on_track: ['on_track'],
  paused: ['paused'],
  met: ['met'],
  any: 'any',
  none: 'none',
};

const span = (t: TermNode) => ({ pos: t.valuePos, len: t.valueLen });

/**
 * `sla:breaching` (warned, not yet breached), `sla:breached`, `sla:on_track`, `sla:paused`,
 * `sla:met`, `sla:any` (a clock applies), `sla:none`. Reads the badge the worker stored, so it is
 * a semi-join like any other filter and both dialects agree.
 */
export const slaQualifier: QualifierResolver = {
  name: 'sla (sla:breaching, sla:breached, …)',
  async resolve(_tx, t, ctx): Promise<Predicate | null> {
    if (t.field !== 'sla') return null;
    if (t.op !== '=')
      throw new QueryError('sla: takes a value, not a comparison', span(t), ['sla:breaching']);
    const want = WORDS[t.value.trim().toLowerCase()];
    if (!want) throw new QueryError(`sla:${t.value} is not an SLA state`, span(t), Object.keys(WORDS));
    const ws = ctx.workspaceId;
    const withBadge = (eb: Parameters<Predicate>[0], badges: string[] | null) => {
      let q = eb
        .selectFrom('issue_sla as s')
        .select('s.issue_id')
        .where('s.workspace_id', '=', ws)
        .where('s.badge', 'is not', null);
      if (badges) q = q.where('s.badge', 'in', badges);
      return eb('i.id', 'in', q);
    };
    if (want === 'any') return (eb) => withBadge(eb, null);
    if (want === 'none') return (eb) => eb.not(withBadge(eb, null));
    return (eb) => withBadge(eb, want);
  },
};
