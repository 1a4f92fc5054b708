import type { Role } from '@closeloop/shared/issue-fields';

/** Who is acting: resolved once per request from a session cookie or an API token. */
export interface Actor {
  userId: number;
  workspaceId: number;
  role: Role;
}
