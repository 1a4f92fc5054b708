import { parseIssueKey } from '@closeloop/core/issues/issue-key';
import type { TermNode } from '@closeloop/core/query/query-ast';
import { QueryError } from '@closeloop/core/query/query-error';
import { findIssueRow } from './issues-store.ts';
import type { Predicate, QualifierResolver } from './query/qualifier-resolver.ts';
import {
  childOf,
  hasChildren,
  hasLinks,
  hasMilestone,
  hasParent,
  inMilestoneNamed,
  isBlocked,
  isBlocking,
  linkedTo,
  loggedMinutes,
} from './relation-filters.ts';
import type { Tx } from './transaction.ts';

const span = (t: TermNode) => ({ pos: t.valuePos, len: t.valueLen });

function equalsOnly(t: TermNode) {
  if (t.op !== '=') {
    throw new QueryError(`${t.rawField}: takes a value, not a comparison`, span(t), [`${t.rawField}:value`]);
  }
}

async function issueIdOf(tx: Tx, workspaceId: number, t: TermNode): Promise<number> {
  let key: { projectKey: string; number: number };
  try {
    key = parseIssueKey(t.value.trim());
  } catch {
    throw new QueryError(`"${t.value}" is not an issue key`, span(t), ['an issue key like SHOP-42', 'none']);
  }
  // An unknown key matches nothing, like an unknown label: the filter is fine, the answer is empty.
  return (await findIssueRow(tx, workspaceId, key))?.id ?? -1;
}

const HAS = ['milestone', 'parent', 'children', 'links'] as const;

/**
 * Relations and time in the query language:
 * `milestone:"v2 launch"`, `milestone:none`, `parent:APP-12`, `parent:none`, `linked:APP-7`,
 * `has:milestone|parent|children|links`, `logged:>=2h`, and `is:blocked` / `is:blocking` once the
 * binder passes those `is:` values on as extensions.
 */
export const relationsQualifier: QualifierResolver = {
  name: 'relation (milestone:, parent:, linked:, has:, logged:, is:blocked)',
  async resolve(tx, t, ctx): Promise<Predicate | null> {
    const v = t.value.trim();
    const lower = v.toLowerCase();
    const ws = ctx.workspaceId;
    switch (t.field) {
      case 'milestone':
        equalsOnly(t);
        if (lower === 'none') return (eb) => eb.not(hasMilestone(eb));
        if (v === '')
          throw new QueryError('milestone: needs a milestone name', span(t), ['a milestone name', 'none']);
        return (eb) => inMilestoneNamed(eb, ws, [v]);
      case 'parent': {
        equalsOnly(t);
        if (lower === 'none') return (eb) => eb.not(hasParent(eb));
        const id = await issueIdOf(tx, ws, t);
        return (eb) => childOf(eb, id);
      }
      case 'linked': {
        equalsOnly(t);
        const id = await issueIdOf(tx, ws, t);
        return (eb) => linkedTo(eb, id);
      }
      case 'has':
        equalsOnly(t);
        if (lower === 'milestone') return (eb) => hasMilestone(eb);
        if (lower === 'parent') return (eb) => hasParent(eb);
        if (lower === 'children') return (eb) => hasChildren(eb, ws);
        if (lower === 'links') return (eb) => hasLinks(eb, ws);
        throw new QueryError(`has:${v} is not something an issue can have`, span(t), [...HAS]);
      case 'is':
        if (lower === 'blocked') return (eb) => isBlocked(eb, ws);
        if (lower === 'blocking') return (eb) => isBlocking(eb, ws);
        return null;
      case 'logged': {
        const m = /^(\d{1,7})(m|h)?$/i.exec(v);
        if (!m)
          throw new QueryError(`"${v}" is not a duration`, span(t), ['minutes like 90', 'hours like 2h']);
        const minutes = Number(m[1]) * (m[2]?.toLowerCase() === 'h' ? 60 : 1);
        return (eb) => loggedMinutes(eb, t.op, minutes);
      }
      default:
        return null;
    }
  },
};
