import type { Issue } from '@closeloop/shared/api/issues';
import { Unprocessable } from '@closeloop/shared/errors';
import { CLOSED_CATEGORIES, type StatusCategory } from '@closeloop/shared/issue-fields';
import { findLessons } from '../store/lessons-store.ts';
import type { Tx } from '../store/transaction.ts';
import type { Actor, AutomationActor } from './actor.ts';
import { lessonsRuleFor } from './lessons-rule.ts';
import { assertResolutionChoice } from './project-resolutions.ts';

const isClosed = (c: StatusCategory) => CLOSED_CATEGORIES.includes(c);

/**
 * What closing asks beyond the workflow (issue 13 §1): a resolution the project offers (an issue
 * may keep the one it has, even retired since), and, when the project's lessons rule matches the
 * issue as the closer sees it, its lessons-learned record written first. The built-in rule
 * (high/urgent, risk, incident) stays a prompt of the close dialog, as it always was; automation
 * closing on its own is not held to the project rule (it has no one to write the record).
 */
export async function checkClosing(
  tx: Tx,
  actor: Actor | AutomationActor,
  before: Issue,
  requested: { resolution?: string | null | undefined },
  to: StatusCategory,
): Promise<void> {
  if (!isClosed(to)) return;
  if (requested.resolution)
    await assertResolutionChoice(tx, before.projectId, requested.resolution, before.resolution);
  if (isClosed(before.statusCategory) || actor.userId === null) return;
  const rule = await lessonsRuleFor(tx, actor, before);
  if (!rule?.matches || (await findLessons(tx, before.id))) return;
  throw new Unprocessable(
    `Lessons learned are asked for: ${before.key} matches the project rule \`${rule.query}\`. Write its record first.`,
    { field: 'lessons', rule: rule.query },
  );
}
