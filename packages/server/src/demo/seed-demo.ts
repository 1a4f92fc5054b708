import { createInvitation, signUp } from '../commands/accounts.ts';
import type { Actor } from '../commands/actor.ts';
import { addComment } from '../commands/comments.ts';
import { createIngestKey, presentIngestKey } from '../commands/ingest-keys.ts';
import { createIssue, getIssue, updateIssue } from '../commands/issues.ts';
import { addLink } from '../commands/links.ts';
import { createMilestone } from '../commands/milestones.ts';
import { createProject } from '../commands/projects.ts';
import { createTeam } from '../commands/teams.ts';
import type { Services } from '../services.ts';
import { countUsers } from '../store/users-store.ts';
import {
  APP_ISSUES,
  DEMO_OWNER,
  DEMO_PEOPLE,
  DEMO_TEAMS,
  type PersonKey,
  SHOP_STORY,
  shopIssues,
} from './demo-content.ts';

/**
 * On an empty database, seeds the demo workspace through the same commands the API uses, so the
 * demo obeys every rule a real workspace does. Returns the login to print, or null if not empty.
 */
export async function seedDemoIfEmpty(svc: Services) {
  if ((await countUsers(svc.store)) > 0) return null;
  const { actor: owner } = await signUp(svc.store, { ...DEMO_OWNER, workspaceName: 'Demo Co' });
  const people = new Map<PersonKey, Actor>([['owner', owner]]);
  for (const p of DEMO_PEOPLE) {
    const { token } = await createInvitation(svc.store, owner, { email: p.email, role: p.role });
    const { actor } = await signUp(svc.store, {
      email: p.email,
      password: DEMO_OWNER.password,
      name: p.name,
      invitationToken: token,
    });
    people.set(p.key, actor);
  }
  const teamIds = new Map<string, number>();
  for (const t of DEMO_TEAMS) {
    const team = await createTeam(svc.store, owner, {
      key: t.key,
      name: t.name,
      description: '',
      memberIds: t.members.map((m) => people.get(m)!.userId),
    });
    teamIds.set(t.key, team.id);
  }
  await createProject(svc.store, owner, {
    key: 'APP',
    name: 'Mobile app launch',
    description: 'The iOS and Android app launch.',
  });
  await createProject(svc.store, owner, {
    key: 'SHOP',
    name: 'Web shop',
    description: 'The e-commerce storefront.',
  });

  const add = async (projectKey: string, spec: (typeof APP_ISSUES)[number] & { status?: string }) => {
    const by = people.get(spec.by ?? 'owner')!;
    // Viewers cannot create; the demo files their reports through the owner.
    const actor = by.role === 'viewer' ? owner : by;
    const issue = await createIssue(svc, actor, projectKey, {
      title: spec.title,
      description: spec.description ?? '',
      type: spec.type ?? 'task',
      priority: spec.priority ?? 'none',
      labels: spec.labels ?? [],
      status: spec.status === 'done' ? 'in_progress' : spec.status,
      dueDate: spec.dueDate ?? null,
      estimateMinutes: spec.estimateMinutes ?? null,
      assigneeUserId: spec.assignee ? people.get(spec.assignee)!.userId : null,
      assigneeTeamId: spec.team ? teamIds.get(spec.team)! : null,
    });
    for (const c of spec.comments ?? []) await addComment(svc, people.get(c.by)!, issue.key, c.body);
    if (spec.close) {
      await updateIssue(svc, actor, issue.key, {
        version: issue.version,
        status: 'done',
        resolution: spec.close.resolution,
        resolutionNote: spec.close.note,
      });
    }
    return issue;
  };
  // Story 1: the risk hits the "Public launch" milestone, and the legal blocker holds up the store submission.
  const launch = await createMilestone(svc.store, owner, 'APP', {
    name: 'Public launch',
    description: 'App Store and Play Store release with the marketing campaign.',
    targetDate: '2026-12-10',
  });
  const appIssues = [];
  for (const spec of APP_ISSUES) appIssues.push(await add('APP', spec));
  const [risk, , , checklist, , legal] = appIssues;
  for (const issue of [risk!, checklist!, legal!]) {
    const fresh = await getIssue(svc, owner, issue.key);
    await updateIssue(svc, owner, issue.key, { version: fresh.version, milestone: launch.id });
  }
  await addLink(svc, owner, legal!.key, { type: 'blocks', target: checklist!.key });
  await add('SHOP', SHOP_STORY);
  for (const spec of shopIssues()) await add('SHOP', spec);
  // The SHOP storefront reports to this key; examples/shop uses the printed DSN.
  const { row } = await createIngestKey(svc.store, owner, 'SHOP', {
    name: 'Web shop',
    allowedOrigins: [],
    rateLimitPerMinute: 60_000,
  });
  const dsn = presentIngestKey(svc.config.publicUrl, row, 'SHOP').dsn;
  return { email: DEMO_OWNER.email, password: DEMO_OWNER.password, dsn, extra: [`SHOP ingest DSN: ${dsn}`] };
}
