import type { Role } from '@closeloop/shared/issue-fields';

/** Who is acting: resolved once per request from a session cookie or an API token. */
export interface Actor {
  userId: number;
  workspaceId: number;
  role: Role;
}

/**
 * A person signed in with a session cookie. `mustEnrolTwoFactor`: the workspace requires two-factor
 * sign-in and they have not turned it on: only their own settings (/api/v1/me…) answer until they do.
 */
export interface SessionActor extends Actor {
  mustEnrolTwoFactor?: true;
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
