import { dueSlot } from '@closeloop/core/automation/schedule';
import type { AutomationTrigger } from '@closeloop/shared/api/automation';
import type { Actor } from '../commands/actor.ts';
import { issuesMatching } from '../commands/automation-query.ts';
import type { Services } from '../services.ts';
import { claimScheduleSlot, scheduleRuleRows } from '../store/automation-store.ts';
import { projectCalendar } from '../store/business-calendar-store.ts';
import { fireRule } from './automation-engine.ts';

/** How often the scheduler looks for rules whose time has come (recurring job `automation.schedule`). */
export const SCHEDULE_SWEEP_MS = 60_000;
/** Most issues one scheduled run acts on; the condition should narrow it (the log shows each). */
export const SCHEDULE_ISSUE_CAP = 200;

/**
 * Runs every schedule rule whose latest slot (its local time in the project's calendar zone) has
 * passed since it was saved or last ran: the slot is claimed first, so it runs once even if the
 * run fails half-way, then the rule's actions go over the issues its condition matches.
 * Returns how many rules ran.
 */
export async function runDueSchedules(svc: Services, now: number): Promise<number> {
  const zones = new Map<number, string>();
  let ran = 0;
  for (const rule of await scheduleRuleRows(svc.store)) {
    const t = JSON.parse(rule.trigger) as AutomationTrigger;
    if (t.type !== 'schedule' || rule.created_by === null) continue;
    let tz = zones.get(rule.project_id);
    if (tz === undefined) {
      tz = (await projectCalendar(svc.store, rule.project_id)).timeZone;
      zones.set(rule.project_id, tz);
    }
    const since = Math.max(Number(rule.created_at), Number(rule.last_fired_at ?? 0));
    const slot = dueSlot(t, tz, now, since);
    if (slot === null || !(await claimScheduleSlot(svc.store, rule.id, slot))) continue;
    ran++;
    const actor: Actor = { userId: rule.created_by, workspaceId: rule.workspace_id, role: 'admin' };
    try {
      const page = await issuesMatching(
        svc.store,
        actor,
        rule.condition,
        (eb) => eb('i.project_id', '=', rule.project_id),
        SCHEDULE_ISSUE_CAP,
        now,
      );
      for (const issue of page.items) {
        await fireRule(
          svc,
          rule.project_id,
          rule,
          issue.id,
          {
            workspaceId: rule.workspace_id,
            type: 'issue.updated',
            issueId: issue.id,
            issueKey: issue.key,
            actorId: null,
            fields: [],
            at: now,
          },
          true,
        );
      }
    } catch (err) {
      // A condition that no longer compiles (a field was removed) must not stop the other rules.
      console.error(`automation: scheduled rule ${rule.id} failed`, err);
    }
  }
  return ran;
}
