import { lessonsReasons } from '@closeloop/core/closure/lessons-policy';
import type { Issue } from '@closeloop/shared/api/issues';
import { Unprocessable } from '@closeloop/shared/errors';
import { CLOSED_CATEGORIES, type Priority, type StatusCategory } from '@closeloop/shared/issue-fields';
import { findLessons } from '../store/lessons-store.ts';
import type { Tx } from '../store/transaction.ts';
import type { Actor, AutomationActor } from './actor.ts';
import { lessonsRuleFor } from './lessons-rule.ts';
import { assertResolutionChoice } from './project-resolutions.ts';

const isClosed = (c: StatusCategory) => CLOSED_CATEGORIES.includes(c);

/**
 * What closing asks beyond the workflow (issue 13 §1): a resolution the project offers (an issue
 * may keep the one it has, even retired since), and, when the lessons rule asks for one, its
 * lessons-learned record written first. The rule is core's lessonsReasons, the one the close
 * dialog shows: high/urgent priority, type risk or incident (before or after the closing edit), or
 * the project's rule query. Automation closing on its own is not held to it (it has no one to
 * write the record), nor is closing as a duplicate.
 */
export async function checkClosing(
  tx: Tx,
  actor: Actor | AutomationActor,
  before: Issue,
  requested: {
    resolution?: string | null | undefined;
    priority?: Priority | undefined;
    type?: string | undefined;
  },
  to: StatusCategory,
): Promise<void> {
  if (!isClosed(to)) return;
  if (requested.resolution)
    await assertResolutionChoice(tx, before.projectId, requested.resolution, before.resolution);
  if (isClosed(before.statusCategory) || actor.userId === null) return;
  // A duplicate's lessons are its original's (merging closes duplicates without asking either).
  if ((requested.resolution ?? before.resolution) === 'duplicate') return;
  const closing = { priority: requested.priority ?? before.priority, type: requested.type ?? before.type };
  const rule = await lessonsRuleFor(tx, actor, before);
  // The issue as it was and as the edit leaves it: lowering the priority while closing does not
  // slip past the rule, and raising it does not either.
  const reasons = [...new Set([...lessonsReasons(before, rule), ...lessonsReasons(closing)])];
  if (reasons.length === 0 || (await findLessons(tx, before.id))) return;
  throw new Unprocessable(
    `Lessons learned are asked for ${before.key} (${reasons.join('; ')}). Write its record first.`,
    { field: 'lessons', reasons, ...(rule?.matches ? { rule: rule.query } : {}) },
  );
}
