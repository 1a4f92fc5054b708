import type { BusinessCalendar } from '@closeloop/core/sla/business-calendar';
import { badgeOf, nextCheckAt, type SlaClock, slaClocks } from '@closeloop/core/sla/sla-clock';
import type { SlaEscalation } from '@closeloop/core/sla/sla-policy';
import { Conflict } from '@closeloop/shared/errors';
import { CLOSED_CATEGORIES, PRIORITIES, type Priority } from '@closeloop/shared/issue-fields';
import type { Change } from '../live/change-bus.ts';
import type { Services } from '../services.ts';
import { teamSettings } from '../store/assignment-store.ts';
import { projectCalendar } from '../store/business-calendar-store.ts';
import { insertNotifications, type NewNotification } from '../store/notifications-store.ts';
import {
  issueSlaRows,
  issuesToCheck,
  type SlaSubject,
  saveIssueSla,
  slaPoliciesOf,
  slaSubjects,
} from '../store/sla-store.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AutomationActor } from './actor.ts';
import { requireIssue, updateIssue } from './issues.ts';

interface Escalation {
  workspaceId: number;
  key: string;
  escalation: SlaEscalation;
  leadUserId: number | null;
}

/**
 * The SLA worker's step for some issues at `now`: computes their clocks from history, stores the
 * badge and when to look again, and announces each warning and breach once: a notification to the
 * assignee (the team lead when nobody is assigned, and on a breach when the policy says so), an
 * `issue.sla_warning` / `issue.sla_breached` change on the bus for webhooks and automation, and on
 * a breach the policy's escalation, made through updateIssue with origin 'sla'. Breaches that
 * happened before the policy was saved are recorded without being announced, so switching SLAs
 * on for an old backlog does not flood anyone.
 */
export async function evaluateSla(svc: Services, issueIds: readonly number[], now: number): Promise<void> {
  const changes: Change[] = [];
  const escalations: Escalation[] = [];
  await inTransaction(svc.store, async (tx) => {
    const subjects = await slaSubjects(tx, issueIds);
    const previous = await issueSlaRows(tx, issueIds);
    const policies = await slaPoliciesOf(tx, [...new Set(subjects.map((s) => s.projectId))]);
    const calendars = new Map<number, BusinessCalendar>();
    const notifications: NewNotification[] = [];
    for (const s of subjects) {
      const p = policies.get(s.projectId);
      const before = previous.get(s.id);
      if (!p) {
        if (before)
          await saveIssueSla(tx, {
            ...before,
            badge: null,
            dueAt: null,
            clocks: [],
            nextCheckAt: null,
            evaluatedAt: now,
          });
        continue;
      }
      const cal = calendars.get(s.projectId) ?? (await projectCalendar(tx, s.projectId));
      calendars.set(s.projectId, cal);
      const clocks = slaClocks(p.policy, cal, s.history, now);
      const announced = new Set(before?.announced ?? []);
      const open = !CLOSED_CATEGORIES.includes(s.statusCategory);
      let lead: number | null | undefined;
      const leadOf = async () => {
        if (lead === undefined)
          lead = s.assigneeTeamId === null ? null : (await teamSettings(tx, s.assigneeTeamId)).leadUserId;
        return lead;
      };
      for (const c of clocks) {
        const event = announcement(c);
        if (!event || announced.has(`${c.metric}:${event}`)) continue;
        if (!open) continue;
        announced.add(`${c.metric}:${event}`);
        if (event === 'breached' && c.breachedAt !== null && c.breachedAt < p.savedAt) continue;
        const to = new Set<number>();
        if (s.assigneeUserId !== null) to.add(s.assigneeUserId);
        const l = await leadOf();
        if (
          l !== null &&
          (s.assigneeUserId === null || (event === 'breached' && p.policy.escalation.notifyLead))
        )
          to.add(l);
        for (const userId of to) notifications.push(notice(s, userId, event, c));
        changes.push(slaChange(s, event, c, now));
        if (event === 'breached')
          escalations.push({
            workspaceId: s.workspaceId,
            key: s.key,
            escalation: p.policy.escalation,
            leadUserId: l,
          });
      }
      const dues = clocks.flatMap((c) => (c.dueAt === null ? [] : [c.dueAt]));
      await saveIssueSla(tx, {
        issueId: s.id,
        workspaceId: s.workspaceId,
        projectId: s.projectId,
        badge: badgeOf(clocks),
        dueAt: dues.length ? Math.min(...dues) : null,
        clocks,
        nextCheckAt: nextCheckAt(clocks),
        announced: [...announced].sort(),
        evaluatedAt: now,
      });
    }
    await insertNotifications(tx, notifications);
  });
  for (const c of changes) svc.bus.publish(c);
  for (const e of escalations) await escalate(svc, e);
}

/** What a clock has to say, if anything: a breach outranks a warning (a clock that breaches at once skips the warning). */
function announcement(c: SlaClock): 'warning' | 'breached' | null {
  if (c.state === 'breached') return 'breached';
  if (c.warning) return 'warning';
  return null;
}

function notice(s: SlaSubject, userId: number, event: 'warning' | 'breached', c: SlaClock): NewNotification {
  return {
    workspaceId: s.workspaceId,
    userId,
    issueId: s.id,
    commentId: null,
    actorId: null,
    kind: event === 'warning' ? 'sla_warning' : 'sla_breached',
    fields: [c.metric],
    emailState: 'none',
  };
}

function slaChange(s: SlaSubject, event: 'warning' | 'breached', c: SlaClock, now: number): Change {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    workspaceId: s.workspaceId,
    type: event === 'warning' ? 'issue.sla_warning' : 'issue.sla_breached',
    issueId: s.id,
    issueKey: s.key,
    actorId: null,
    at: now,
    origin: 'sla',
    sla: { metric: c.metric, dueAt: iso(c.dueAt ?? c.breachedAt), breachedAt: iso(c.breachedAt) },
  };
}

/**
 * A breach's escalation: one priority step up and/or the issue given to its team's lead, as one
 * edit with origin 'sla' (so it never teaches the severity model). A concurrent edit is retried
 * once on the fresh version; after that the escalation is given up (the breach stays recorded).
 */
async function escalate(svc: Services, e: Escalation): Promise<void> {
  const actor: AutomationActor = { userId: null, workspaceId: e.workspaceId, role: 'admin' };
  for (let attempt = 0; attempt < 2; attempt++) {
    const issue = await requireIssue(svc.store, e.workspaceId, e.key);
    const edit: { priority?: Priority; assigneeUserId?: number } = {};
    if (e.escalation.raisePriority && issue.priority !== 'urgent')
      edit.priority = PRIORITIES[PRIORITIES.indexOf(issue.priority) + 1]!;
    if (e.escalation.reassignToLead && e.leadUserId !== null && issue.assigneeUserId !== e.leadUserId)
      edit.assigneeUserId = e.leadUserId;
    if (Object.keys(edit).length === 0) return;
    try {
      await updateIssue(svc, actor, e.key, { version: issue.version, ...edit }, { origin: 'sla' });
      return;
    } catch (err) {
      if (!(err instanceof Conflict) || attempt === 1) throw err;
    }
  }
}

/** Issues evaluated per transaction by the sweep. */
const SWEEP_BATCH = 200;

/**
 * The recurring pass: every issue whose next check is due, and open issues of projects with a
 * policy that were never evaluated. Returns how many issues it looked at.
 */
export async function sweepSla(svc: Services, now: number, maxBatches = 10): Promise<number> {
  let total = 0;
  for (let n = 0; n < maxBatches; n++) {
    const ids = await issuesToCheck(svc.store, now, SWEEP_BATCH);
    if (ids.length === 0) break;
    await evaluateSla(svc, ids, now);
    total += ids.length;
    if (ids.length < SWEEP_BATCH) break;
  }
  return total;
}
