import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../app.ts';
import type { ZApp } from '../http/zod-app.ts';
import type { Services } from '../services.ts';
import type { DialectName } from '../store/dialect/dialect-name.ts';
import { openTestServices, type TestServiceOptions } from './dialects.ts';

/**
 * A test harness around the real app on a real database: `as(user)` sends requests with that
 * user's bearer token, exactly as an API client would.
 */
export interface TestUser {
  id: number;
  email: string;
  token: string;
}

export interface Harness {
  app: ZApp;
  svc: Services;
  owner: TestUser;
  req(
    opts: InjectOptions & { as?: TestUser | undefined },
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes; each asserts what it reads.
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  invite(role: 'viewer' | 'member' | 'admin' | 'owner', name?: string): Promise<TestUser>;
}

let counter = 0;

export function useHarness(dialect: DialectName, opts: TestServiceOptions = {}): Harness {
  const h = {} as Harness;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const svc = await openTestServices(dialect, opts);
    drop = svc.drop;
    const app = await buildApp(svc, { webDist: '/nonexistent' });
    h.app = app;
    h.svc = svc;
    h.req = async ({ as, ...opts }) => {
      const res = await app.inject({
        ...opts,
        headers: { ...(opts.headers ?? {}), ...(as ? { authorization: `Bearer ${as.token}` } : {}) },
      });
      const text = res.body;
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // leave non-JSON as text
      }
      return { status: res.statusCode, body, headers: res.headers };
    };
    const signup = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: 'owner@example.com',
        password: 'owner-password',
        name: 'Olivia Owner',
        workspaceName: 'Acme',
      },
    });
    if (signup.statusCode !== 201) throw new Error(`signup failed: ${signup.body}`);
    const cookie = signup.cookies.find((c) => c.name === 'cl_session')!;
    const tok = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies: { cl_session: cookie.value },
      payload: { name: 'tests' },
    });
    h.owner = { id: signup.json().user.id, email: 'owner@example.com', token: tok.json().token };
    h.invite = async (role, name = `${role} ${++counter}`) => {
      const email = `${role}${++counter}@example.com`;
      const inv = await h.req({
        method: 'POST',
        url: '/api/v1/invitations',
        as: h.owner,
        payload: { email, role },
      });
      if (inv.status !== 201) throw new Error(`invite failed: ${JSON.stringify(inv.body)}`);
      const su = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email, password: 'password-123', name, invitationToken: inv.body.token },
      });
      if (su.statusCode !== 201) throw new Error(`invited signup failed: ${su.body}`);
      const c = su.cookies.find((x) => x.name === 'cl_session')!;
      const t = await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        cookies: { cl_session: c.value },
        payload: { name: 't' },
      });
      return { id: su.json().user.id, email, token: t.json().token };
    };
  });
  afterAll(async () => {
    await h.app?.close();
    await drop?.();
  });
  return h;
}
