import { assertCan } from '@closeloop/core/permissions/permissions';
import { isValidTimeZone } from '@closeloop/core/sla/business-calendar';
import { badgeOf, type SlaClock, slaClocks } from '@closeloop/core/sla/sla-clock';
import type { IssueSla, SlaClockView, SlaSettings } from '@closeloop/shared/api/sla';
import { Invalid } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { projectCalendar, saveProjectCalendar } from '../store/business-calendar-store.ts';
import { listCustomFields } from '../store/custom-fields-store.ts';
import { saveSlaPolicy, slaPolicyOf, slaSubjects } from '../store/sla-store.ts';
import { inTransaction } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';
import { requireProject } from './projects.ts';

export async function getSlaSettings(svc: Services, actor: Actor, projectKey: string): Promise<SlaSettings> {
  assertCan(actor.role, 'workspace.read');
  const p = await requireProject(svc.store, actor.workspaceId, projectKey);
  const [calendar, policy] = await Promise.all([
    projectCalendar(svc.store, p.id),
    slaPolicyOf(svc.store, p.id),
  ]);
  return {
    calendar: { ...calendar, workDays: [...calendar.workDays], holidays: [...calendar.holidays] },
    policy,
  } as SlaSettings;
}

/**
 * Replaces a project's calendar and SLA policy (admins). Every issue of the project is evaluated
 * again by the worker at its next pass; warnings and breaches already announced are not repeated.
 */
export async function setSlaSettings(
  svc: Services,
  actor: Actor,
  projectKey: string,
  body: SlaSettings,
  now = Date.now(),
): Promise<SlaSettings> {
  assertCan(actor.role, 'project.manage');
  if (!isValidTimeZone(body.calendar.timeZone))
    throw new Invalid(`"${body.calendar.timeZone}" is not a time zone`, { field: 'calendar.timeZone' });
  const seen = new Set<string>();
  for (const [n, t] of (body.policy?.targets ?? []).entries()) {
    const f = t.field ?? null;
    const k = JSON.stringify([t.priority, t.type, f?.key ?? null, f?.value ?? null]);
    if (seen.has(k))
      throw new Invalid(
        `Target ${n + 1} repeats priority ${t.priority}${t.type ? ` for ${t.type}` : ''}${f ? ` where ${f.key} is ${f.value}` : ''}`,
        { target: n },
      );
    seen.add(k);
  }
  await inTransaction(svc.store, async (tx) => {
    const p = await requireProject(tx, actor.workspaceId, projectKey);
    const fieldTargets = (body.policy?.targets ?? []).flatMap((t, n) =>
      t.field ? [{ n, key: t.field.key }] : [],
    );
    if (fieldTargets.length > 0) {
      const known = new Set((await listCustomFields(tx, p.id)).map((f) => f.key));
      const bad = fieldTargets.find((t) => !known.has(t.key));
      if (bad)
        throw new Invalid(`Target ${bad.n + 1}: "${bad.key}" is not a custom field of ${projectKey}`, {
          target: bad.n,
          field: 'field.key',
        });
    }
    await saveProjectCalendar(tx, actor.workspaceId, p.id, body.calendar, now);
    await saveSlaPolicy(tx, actor.workspaceId, p.id, body.policy, actor.userId, now);
  });
  // The worker runs soon anyway; waking it now makes a saved policy show on the list within a second.
  await svc.jobs.enqueue({ kind: 'sla.sweep', dedupeKey: 'sla.sweep:now' }).catch(() => undefined);
  return body;
}

export function presentClock(c: SlaClock): SlaClockView {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    metric: c.metric,
    state: c.state,
    warning: c.warning,
    targetMinutes: Math.round((c.targetMs / 60_000) * 100) / 100,
    elapsedMinutes: Math.round((c.elapsedMs / 60_000) * 100) / 100,
    dueAt: iso(c.dueAt),
    breachedAt: iso(c.breachedAt),
    stoppedAt: iso(c.stoppedAt),
  };
}

/** An issue's clocks computed now from its history (the issue page): always current, unlike list badges. */
export async function getIssueSla(
  svc: Services,
  actor: Actor,
  key: string,
  now = Date.now(),
): Promise<IssueSla> {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  const policy = await slaPolicyOf(svc.store, issue.projectId);
  if (!policy) return { badge: null, clocks: [], timeZone: null, aroundTheClock: null };
  const cal = await projectCalendar(svc.store, issue.projectId);
  const [subject] = await slaSubjects(svc.store, [issue.id]);
  const clocks = slaClocks(policy, cal, subject!.history, now);
  return {
    badge: badgeOf(clocks),
    clocks: clocks.map(presentClock),
    timeZone: cal.timeZone,
    aroundTheClock: cal.aroundTheClock,
  };
}
