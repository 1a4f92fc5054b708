import { expect, it } from 'vitest';
import { type TestUser, useHarness } from '../test/api-client.ts';
import { describeEachDialect } from '../test/dialects.ts';
import { exampleFromSchema } from '../test/example-from-schema.ts';
import { buildMatrixWorld, type MatrixWorld } from '../test/matrix-fixtures.ts';
import { type Access, AUTHORISATION_TABLE, PROJECT_PATHS, type RouteRule } from './authorisation-table.ts';

/**
 * Issue 15, item 1: every route of the OpenAPI document × every kind of caller gets exactly the
 * answer the reviewed table (authorisation-table.ts) expects, on both databases. The scoped API
 * tokens (read-only, one project) are callers too, so a route that escapes the scope fails here.
 */
const PRINCIPALS = [
  'anonymous',
  'revoked token',
  'expired session',
  'ingest key',
  'member of another workspace',
  'viewer',
  'member',
  'admin',
  'owner',
  'read-only token',
  'project token',
  'token of another project',
] as const;
type Principal = (typeof PRINCIPALS)[number];
const RANK = { viewer: 0, member: 1, admin: 2, owner: 3 } as const;

/** What a cell must answer: an exact status, or "let through" (any 2xx–4xx but 401 and 403). */
type Expected = 401 | 403 | 404 | 'through';

function expected(rule: RouteRule, principal: Principal, method: string, path: string): Expected {
  const { access } = rule;
  if (access === 'public') return 'through';
  if (access === 'hook') return 403;
  if (access === 'ingest') return principal === 'ingest key' ? 'through' : 401;
  if (principal === 'read-only token') return method === 'GET' ? 'through' : 403;
  if (principal === 'project token' || principal === 'token of another project') {
    const namesProject = PROJECT_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
    if (!namesProject) return 403;
    return principal === 'project token' ? 'through' : 404;
  }
  if (['anonymous', 'revoked token', 'expired session', 'ingest key'].includes(principal)) return 401;
  if (principal === 'member of another workspace') return rule.own ? 'through' : 404;
  return RANK[principal as keyof typeof RANK] >= RANK[access] ? 'through' : 403;
}

function fillPath(path: string, w: MatrixWorld): string {
  const P = w.params;
  const byCollection: Record<string, string> = {
    comments: P.comment!,
    labels: P.label!,
    milestones: P.milestone!,
    teams: P.team!,
    tokens: P.token!,
    views: P.view!,
    links: P.link!,
    worklogs: P.worklog!,
    'ingest-keys': P.ingestKey!,
    members: P.member!,
    fields: P.field!,
    types: P.type!,
    resolutions: 'cannot_reproduce',
    workflows: P.type!,
    notifications: P.notification!,
    invitations: P.invitation!,
    sessions: P.session!,
    webhooks: P.webhook!,
    push: P.hook!,
    releases: '1.0.0',
    replays: 'a'.repeat(32),
    events: 'b'.repeat(32),
  };
  return path.replace(/\{(\w+)\}/g, (_m, name: string, at: number) => {
    const collection = path.slice(0, at).split('/').filter(Boolean).at(-1)!;
    if (name === 'key') return collection === 'projects' ? 'MAT' : P.issue!;
    if (name === 'userId') return P.member!;
    if (name === 'projectId') return w.sentryProjectId;
    return byCollection[collection] ?? '1';
  });
}

/** Routes that take something away run last, so the resources stay for everyone before them. */
function order(key: string): number {
  if (key.startsWith('DELETE /api/v1/issues/{key}') && key.endsWith('{key}')) return 4;
  if (key.startsWith('DELETE')) return 3;
  if (key.includes('/merge') || key.includes('/close-as-duplicate')) return 2;
  return key.startsWith('GET') ? 0 : 1;
}

describeEachDialect('authorisation matrix: every route × every caller', (dialect) => {
  const h = useHarness(dialect);

  it('answers every cell as the reviewed table says, and the table covers every route', async () => {
    const w = await buildMatrixWorld(h);
    // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is untyped JSON.
    const doc = h.app.swagger() as any;
    const routes: { key: string; path: string; method: string; bodySchema: unknown }[] = [];
    for (const [path, ops] of Object.entries<Record<string, { requestBody?: unknown }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        // biome-ignore lint/suspicious/noExplicitAny: as above.
        const bodySchema = (op as any).requestBody?.content?.['application/json']?.schema;
        routes.push({
          key: `${method.toUpperCase()} ${path}`,
          path,
          method: method.toUpperCase(),
          bodySchema,
        });
      }
    }
    const missing = routes.map((r) => r.key).filter((k) => !(k in AUTHORISATION_TABLE));
    expect(missing, 'routes with no row in http/authorisation-table.ts').toEqual([]);
    const stale = Object.keys(AUTHORISATION_TABLE).filter((k) => !routes.some((r) => r.key === k));
    expect(stale, 'rows of http/authorisation-table.ts with no route').toEqual([]);

    routes.sort((a, b) => order(a.key) - order(b.key));
    const wrong: string[] = [];
    let cells = 0;
    let allowed2xx = 0;
    let serverErrors = 0;
    for (const route of routes) {
      const raw = AUTHORISATION_TABLE[route.key]!;
      const rule: RouteRule = typeof raw === 'string' ? { access: raw as Access } : raw;
      const url = fillPath(route.path, w);
      const body = rule.body ?? (route.bodySchema ? exampleFromSchema(route.bodySchema) : undefined);
      for (const principal of PRINCIPALS) {
        const headers: Record<string, string> = { ...(rule.headers ?? {}) };
        const query: Record<string, string> = { ...(rule.query ?? {}) };
        let as: TestUser | undefined;
        if (principal === 'revoked token') headers.authorization = `Bearer ${w.revokedToken}`;
        else if (principal === 'expired session') headers.cookie = `cl_session=${w.expiredSession}`;
        else if (principal === 'read-only token') headers.authorization = `Bearer ${w.scopedTokens.readOnly}`;
        else if (principal === 'project token') headers.authorization = `Bearer ${w.scopedTokens.project}`;
        else if (principal === 'token of another project')
          headers.authorization = `Bearer ${w.scopedTokens.otherProject}`;
        else if (principal === 'ingest key') {
          headers.authorization = `Bearer ${w.ingestKey}`;
          headers['x-closeloop-key'] = w.ingestKey;
          headers['x-sentry-auth'] = `Sentry sentry_key=${w.ingestKey}, sentry_version=7`;
        } else if (principal === 'member of another workspace') as = w.users.outsider;
        else if (principal !== 'anonymous') as = w.users[principal];
        const res = await h.req({
          method: route.method as 'GET',
          url,
          query,
          headers,
          as,
          ...(body !== undefined && route.method !== 'GET' ? { payload: body as object } : {}),
        });
        cells++;
        if (res.status >= 500) serverErrors++;
        const want = expected(rule, principal, route.method, route.path);
        const through = res.status < 500 && res.status !== 401 && res.status !== 403;
        if (want === 'through' && through && res.status < 300) allowed2xx++;
        if (want === 'through' ? !through : res.status !== want) {
          wrong.push(
            `${route.key} as ${principal}: expected ${want}, got ${res.status} ${JSON.stringify(res.body)?.slice(0, 160)}`,
          );
        }
      }
    }
    console.log(
      `authorisation matrix [${dialect}]: ${routes.length} routes × ${PRINCIPALS.length} callers = ${cells} cells checked, ${allowed2xx} allowed calls answered 2xx, ${serverErrors} 5xx seen, ${wrong.length} wrong`,
    );
    expect(wrong).toEqual([]);
    expect(serverErrors).toBe(0);
  }, 600_000);
});
