import type { AutomationTrigger } from '@closeloop/shared/api/automation';
import type { IssueEB, Predicate } from './query/qualifier-resolver.ts';

/**
 * The issues a rule's trigger would have fired on since `since`, read from the paper trail, for the
 * editor's preview ("this rule would have matched these N issues"); the condition narrows them after.
 * Triggers the paper trail does not record (SLA clocks, thresholds, regressions, schedules) fall
 * back to the issues touched in the window; `basis` says which reading was used.
 */
export function triggerWindow(t: AutomationTrigger, since: number): { basis: string; where: Predicate } {
  const activity = (eb: IssueEB) =>
    eb
      .selectFrom('activity as a')
      .select('a.id')
      .whereRef('a.issue_id', '=', 'i.id')
      .where('a.created_at', '>=', since);
  switch (t.type) {
    case 'issue.created':
      return { basis: 'created', where: (eb) => eb('i.created_at', '>=', since) };
    case 'field.changed':
      return {
        basis: `whose ${t.field} changed`,
        where: (eb) =>
          eb.exists(activity(eb).where('a.action', '=', 'changed').where('a.field', '=', t.field)),
      };
    case 'status.entered':
      // Activity values are JSON text; an issue created in the status counts too (as the engine does).
      return {
        basis: `that entered ${t.status}`,
        where: (eb) =>
          eb.or([
            eb.exists(
              activity(eb)
                .where('a.action', '=', 'changed')
                .where('a.field', '=', 'status')
                .where('a.new_value', '=', JSON.stringify(t.status)),
            ),
            eb.and([eb('i.created_at', '>=', since), eb('i.status', '=', t.status)]),
          ]),
      };
    case 'comment.added':
      return {
        basis: 'commented on',
        where: (eb) => eb.exists(activity(eb).where('a.action', '=', 'commented')),
      };
    default:
      return { basis: 'created or updated', where: (eb) => eb('i.updated_at', '>=', since) };
  }
}
