import { assertCan } from '@closeloop/core/permissions/permissions';
import type { ProjectMailIntake } from '@closeloop/shared/api/mail-intake';
import type { Services } from '../services.ts';
import { projectMailIntake, setProjectMailIntake } from '../store/mail-intake-store.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';

/**
 * A project's switch for email intake (issue 17.3): whether mail to its address files reports.
 * The server's own switch comes first: without MAIL_INTAKE_DOMAIN no project has an address.
 */
export async function getProjectMailIntake(
  svc: Services,
  actor: Actor,
  projectKey: string,
): Promise<ProjectMailIntake> {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  const domain = svc.config.MAIL_INTAKE_DOMAIN;
  return {
    enabled: await projectMailIntake(svc.store, project.id),
    address: domain ? `${project.key.toLowerCase()}@${domain}` : null,
  };
}

export async function setProjectMailIntakeSwitch(
  svc: Services,
  actor: Actor,
  projectKey: string,
  enabled: boolean,
): Promise<ProjectMailIntake> {
  assertCan(actor.role, 'project.manage');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  await setProjectMailIntake(svc.store, project.id, enabled);
  return getProjectMailIntake(svc, actor, projectKey);
}
