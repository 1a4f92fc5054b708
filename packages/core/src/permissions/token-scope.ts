import { Forbidden, NotFound } from '@closeloop/shared/errors';

/**
 * What an API token may reach besides its owner's role (issue 15): read-only tokens only read
 * (GET/HEAD), and a project token reaches only routes that name its project. A route that names
 * another project answers 404, as every hidden thing does; a route that names no project (the
 * workspace's members, labels, views, tokens, search across projects…) is refused with 403, since
 * the token could otherwise reach every project through it.
 */
export interface TokenScope {
  readOnly: boolean;
  /** The one project the token reaches (its key); null: every project. */
  projectKey: string | null;
}

export const FULL_SCOPE: TokenScope = { readOnly: false, projectKey: null };

const READS = new Set(['GET', 'HEAD']);

/**
 * Throws when the scope does not let a request through. `routeProject`: the key of the project
 * the route's path names, null when it names none, undefined when its name cannot be read (a
 * malformed key — nothing of any project can be found through it).
 */
export function assertInScope(
  scope: TokenScope,
  method: string,
  routeProject: string | null | undefined,
): void {
  if (scope.readOnly && !READS.has(method.toUpperCase()))
    throw new Forbidden('This API token is read-only', { scope: 'read_only' });
  if (scope.projectKey === null) return;
  if (routeProject === null)
    throw new Forbidden(`This API token is limited to project ${scope.projectKey}`, {
      scope: 'project',
      project: scope.projectKey,
    });
  if (routeProject === undefined || routeProject.toUpperCase() !== scope.projectKey)
    throw new NotFound('Project');
}
