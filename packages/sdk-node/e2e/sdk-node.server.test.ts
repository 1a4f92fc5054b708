import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@closeloop/server/app';
import type { Services } from '@closeloop/server/services';
import { describeEachDialect, openTestServices } from '@closeloop/server/test/dialects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The SDK against the real Closeloop server: a fresh store on each dialect (SQLite, PostgreSQL),
 * the real app on a real port, a real ingest key, and a child Node process using the SDK as an
 * application would.
 */
type App = Awaited<ReturnType<typeof buildApp>>;

type ChildResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

interface IssueRow {
  key: string;
  title: string;
}

function runChild(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
  onOutput?: (s: string, kill: () => void) => void,
) {
  return new Promise<ChildResult>((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
      onOutput?.(stdout, () => p.kill('SIGTERM'));
    });
    p.stderr.on('data', (d) => (stderr += d));
    p.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describeEachDialect('Node SDK end to end', (dialect) => {
  let svc: Services & { drop(): Promise<void> };
  let app: App;
  let token: string;
  let dsn: string;
  let child: ChildResult;
  let lifeDsn: string;

  async function api(method: string, url: string, payload?: unknown) {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload: payload as object } : {}),
    });
    return { status: res.statusCode, body: res.json() };
  }

  beforeAll(async () => {
    svc = await openTestServices(dialect);
    app = await buildApp(svc, { webDist: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const signup = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: 'owner@example.com',
        password: 'owner-password',
        name: 'Olivia',
        workspaceName: 'Acme',
      },
    });
    const cookie = signup.cookies.find((c) => c.name === 'cl_session')!;
    token = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        cookies: { cl_session: cookie.value },
        payload: { name: 't' },
      })
    ).json().token;
    expect((await api('POST', '/api/v1/projects', { key: 'API', name: 'Shop API' })).status).toBe(201);
    const key = await api('POST', '/api/v1/projects/API/ingest-keys', { name: 'node' });
    expect(key.status).toBe(201);
    // The key's DSN names the configured public URL; point it at this test's port.
    const projectId = new URL(key.body.dsn).pathname.split('/').pop();
    dsn = `http://${key.body.publicKey}@127.0.0.1:${port}/${projectId}`;
    expect((await api('POST', '/api/v1/projects', { key: 'LIFE', name: 'Lifecycle' })).status).toBe(201);
    const lifeKey = await api('POST', '/api/v1/projects/LIFE/ingest-keys', { name: 'node' });
    lifeDsn = `http://${lifeKey.body.publicKey}@127.0.0.1:${port}/${new URL(lifeKey.body.dsn).pathname.split('/').pop()}`;
    child = await runChild(fileURLToPath(new URL('./fixtures/app.ts', import.meta.url)), { TEST_DSN: dsn });
    await svc.ingest.worker.drain();
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await svc?.drop();
  });

  async function errorIssues(): Promise<IssueRow[]> {
    const r = await api('GET', '/api/v1/issues?project=API&kind=error&limit=100');
    expect(r.status).toBe(200);
    return r.body.items;
  }
  async function monitoring(titleStart: string) {
    const issue = (await errorIssues()).find((i) => i.title.startsWith(titleStart));
    expect(issue, `an issue titled "${titleStart}…"`).toBeDefined();
    const r = await api('GET', `/api/v1/issues/${issue!.key}/monitoring`);
    expect(r.status).toBe(200);
    return r.body;
  }

  describe('Node SDK against a real Closeloop server', () => {
    it('the instrumented process ran and exited with code 1 after its uncaught exception', () => {
      expect(child.stdout, child.stderr).toContain('captured');
      expect(child.stderr).toContain('RangeError: fatal crash in worker');
      expect(child.code).toBe(1);
    });

    it('files exactly the expected issues (4xx is not captured)', async () => {
      const titles = (await errorIssues()).map((i) => i.title).sort();
      expect(titles).toEqual([
        'Error: card declined',
        'Error: cart service unavailable',
        'Error: order lookup failed',
        'RangeError: fatal crash in worker',
        'inventory sync is late',
      ]);
    });

    it('groups the repeated manual capture into one issue with release, environment and source context', async () => {
      const mon = await monitoring('Error: card declined');
      expect(mon).toMatchObject({ eventCount: 2, userCount: 1, lastRelease: 'shop-api@2.0.0' });
      const event = mon.events[0].event;
      expect(event).toMatchObject({
        platform: 'node',
        environment: 'e2e',
        release: 'shop-api@2.0.0',
        user: { id: 'buyer-1' },
      });
      const top = event.exception.frames.at(-1);
      expect(top).toMatchObject({ function: 'chargeCard', in_app: true });
      expect(top.filename).toMatch(/e2e\/fixtures\/app\.ts$/);
      expect(top.context_line).toContain("throw new Error('card declined')");
      expect(top.pre_context.length).toBeGreaterThan(0);
      expect(mon.culprit).toContain('chargeCard');
    });

    it('records messages with their level', async () => {
      const mon = await monitoring('inventory sync is late');
      expect(mon.eventCount).toBe(1);
      expect(mon.events[0].event).toMatchObject({ type: 'message', level: 'warning' });
    });

    it('attaches the Fastify request (route, URL without secrets, headers without credentials) and user', async () => {
      const mon = await monitoring('Error: order lookup failed');
      expect(mon.eventCount).toBe(1);
      const event = mon.events[0].event;
      expect(event.route).toBe('/orders/:id');
      expect(event.url).toBe('http://api.shop.test/orders/42?token=%5BFiltered%5D&page=1');
      expect(event.request).toMatchObject({ method: 'GET', status: 500 });
      expect(event.user).toEqual({ id: 'fastify-user' });
      expect(event.exception.mechanism).toEqual({ type: 'fastify', handled: false });
      const headers = event.contexts.request.headers;
      expect(headers['user-agent']).toBe('e2e-agent');
      expect(headers).not.toHaveProperty('cookie');
      expect(headers).not.toHaveProperty('authorization');
      // the console.error made in the handler is a breadcrumb of this event
      expect(event.breadcrumbs.map((b: { message: string }) => b.message)).toContain(
        'about to fail loading the order',
      );
    });

    it('attaches the Express-style request and req.user, with the 503 status', async () => {
      const mon = await monitoring('Error: cart service unavailable');
      const event = mon.events[0].event;
      expect(event).toMatchObject({
        route: '/api/carts/:id',
        request: { method: 'GET', status: 503 },
        user: { id: '7' },
        exception: { mechanism: { type: 'express', handled: false } },
      });
      expect(event.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/carts\/9\?session=%5BFiltered%5D$/);
      expect(event.contexts.request.headers).not.toHaveProperty('cookie');
    });

    it('delivered the uncaught exception before the process exited', async () => {
      const mon = await monitoring('RangeError: fatal crash in worker');
      expect(mon.eventCount).toBe(1);
      expect(mon.events[0].event).toMatchObject({
        level: 'fatal',
        exception: { type: 'RangeError', mechanism: { type: 'onuncaughtexception', handled: false } },
      });
    });
  });

  describe('Node SDK process lifecycle', () => {
    const lifecycle = fileURLToPath(new URL('./fixtures/lifecycle.ts', import.meta.url));
    const lifeIssue = async (title: string) => {
      await svc.ingest.worker.drain();
      const r = await api('GET', '/api/v1/issues?project=LIFE&kind=error&limit=100');
      const issue = (r.body.items as IssueRow[]).find((i) => i.title === title);
      expect(issue, title).toBeDefined();
      return (await api('GET', `/api/v1/issues/${issue!.key}/monitoring`)).body;
    };

    it("reports an unhandled rejection and keeps Node's default: exit code 1", async () => {
      const r = await runChild(lifecycle, { TEST_DSN: lifeDsn }, ['rejection']);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain('report job failed');
      const mon = await lifeIssue('Error: report job failed');
      expect(mon.eventCount).toBe(1);
      expect(mon.events[0].event.exception.mechanism).toEqual({
        type: 'onunhandledrejection',
        handled: false,
      });
    });

    it('reports an uncaught exception the app handles itself, and leaves the exit to the app', async () => {
      const r = await runChild(lifecycle, { TEST_DSN: lifeDsn }, ['own-handler']);
      expect(r.stdout).toContain('app handled handled by the app');
      expect(r.code).toBe(3);
      expect((await lifeIssue('Error: handled by the app')).eventCount).toBe(1);
    });

    it('flushes queued events on SIGTERM, then ends by the signal as Node would', async () => {
      const r = await runChild(lifecycle, { TEST_DSN: lifeDsn }, ['sigterm'], (out, kill) => {
        if (out.includes('ready')) kill();
      });
      expect(r.signal).toBe('SIGTERM');
      expect((await lifeIssue('shutting down with work queued')).eventCount).toBe(1);
    });
  });
});
