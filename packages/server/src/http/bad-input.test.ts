import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { seedDemoIfEmpty } from '../demo/seed-demo.ts';
import { describeEachDialect, openTestServices } from '../test/dialects.ts';
import type { ZApp } from './zod-app.ts';

/**
 * The promise "no input produces a 500", checked wholesale: every route family × every method ×
 * malformed, mistyped, oversized and hostile bodies and query strings, on the seeded demo workspace.
 */
const PATHS = [
  '/api/v1/issues',
  '/api/v1/issues/SHOP-1',
  '/api/v1/projects/SHOP/issues',
  '/api/v1/issues/SHOP-1/comments',
  '/api/v1/issues/bulk',
  '/api/v1/projects',
  '/api/v1/teams',
  '/api/v1/labels',
  '/api/v1/views',
  '/api/v1/issues/SHOP-1/links',
  '/api/v1/issues/SHOP-1/worklogs',
  '/api/v1/projects/SHOP/milestones',
  '/api/v1/projects/SHOP/fields',
  '/api/v1/projects/SHOP/workflows/default',
  '/api/v1/notifications',
  '/api/v1/me/notification-settings',
  '/api/v1/projects/SHOP/ingest-keys',
  '/api/ingest/v1/events?key=x',
  '/api/2/envelope/',
  '/api/2/store/',
  '/api/v1/issues/SHOP-1/watchers/me',
  '/api/v1/comments/1/reactions',
  '/api/v1/invitations',
  '/api/v1/tokens',
  '/api/v1/members/1',
  '/api/v1/projects/SHOP/ingest-settings',
  '/api/v1/projects/SHOP/releases/x/source-maps',
  '/api/v1/issues/SHOP-1/monitoring',
  '/api/v1/milestones/1',
];
const BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"x"',
  '{"version":"1"}',
  '{"version":1e400}',
  '{"title":{"a":1}}',
  '{"__proto__":{"x":1}}',
  JSON.stringify({ keys: Array(3000).fill('SHOP-1'), set: {} }),
  '{"q":"\\u0000"}',
  JSON.stringify({ title: 'x'.repeat(600) }),
  '{"type":"blocks","target":"SHOP-99999"}',
  '{"minutes":-5}',
  '{"name":"\\ud800"}',
  '{"fingerprintRules":"->","scrubFields":[]}',
  '{"fileUrl":"a","sourceMap":"{}"}',
];
const QUERIES = [
  '?q=(((',
  '?q=status:',
  `?q=${encodeURIComponent('"open')}`,
  '?sort=cf.nope',
  '?cursor=%ff',
  '?limit=-1',
  '?q=due:<2026-99-99',
  `?q=${'a '.repeat(400)}`,
];
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;

describeEachDialect('bad input never produces a 500', (dialect) => {
  let svc: Awaited<ReturnType<typeof openTestServices>>;
  let app: ZApp;
  let cookie: string;
  beforeAll(async () => {
    svc = await openTestServices(dialect);
    const demo = (await seedDemoIfEmpty(svc))!;
    app = await buildApp(svc, { webDist: '/nonexistent' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: demo.email, password: demo.password },
    });
    cookie = login.cookies.find((c) => c.name === 'cl_session')!.value;
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await svc.drop();
  });

  it('answers every malformed request with a 4xx JSON error or a success', async () => {
    const fives: string[] = [];
    let count = 0;
    // Methods outermost, DELETE last, so deletions do not hide the other routes behind 404s.
    for (const method of METHODS) {
      for (const path of PATHS) {
        const bodies = method === 'GET' || method === 'DELETE' ? [''] : BODIES;
        const queries = method === 'GET' ? ['', ...QUERIES] : [''];
        for (const body of bodies) {
          for (const q of queries) {
            const url = path.includes('?') && q ? `${path}&${q.slice(1)}` : path + q;
            const res = await app.inject({
              method,
              url,
              cookies: { cl_session: cookie },
              ...(body ? { headers: { 'content-type': 'application/json' }, payload: body } : {}),
            });
            count++;
            if (res.statusCode >= 500)
              fives.push(
                `${res.statusCode} ${method} ${url} ${body.slice(0, 40)} → ${res.body.slice(0, 160)}`,
              );
            else if (res.statusCode >= 400)
              expect(res.json().error.code, `${method} ${url}`).toBeTypeOf('string');
          }
        }
      }
    }
    expect(count).toBeGreaterThan(1000);
    expect(fives).toEqual([]);
  }, 240_000);
});
