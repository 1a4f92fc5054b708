import type { Role } from '@closeloop/shared/issue-fields';

/** Who is acting: resolved once per request from a session cookie or an API token. */
export interface Actor {
  userId: number;
  workspaceId: number;
  role: Role;
}

/**
 * Automation acting on its own (SLA escalations): no person, so the paper trail and the change
 * carry no actor. Its role is what the automation may do; the change's `origin` says which one.
 */
export interface AutomationActor {
  userId: null;
  workspaceId: number;
  role: Role;
}
