import { parseIssueKey } from '@closeloop/core/issues/issue-key';

/**
 * The project a route's path names, read from the route's template and its parameters: the
 * `:key` of /api/v1/projects/:key… (a project key) or of /api/v1/issues/:key… (an issue key,
 * SHOP-42, whose project is SHOP). null: the path names no project; undefined: it names one in
 * a form no project has. Project-limited API tokens are checked against this (token-scope).
 */
export function routeProject(template: string, params: unknown): string | null | undefined {
  const key = (params as { key?: unknown } | undefined)?.key;
  if (typeof key !== 'string') return null;
  if (template.startsWith('/api/v1/projects/:key')) return key.toUpperCase();
  if (template.startsWith('/api/v1/issues/:key')) {
    try {
      return parseIssueKey(key).projectKey;
    } catch {
      return undefined;
    }
  }
  return null;
}
