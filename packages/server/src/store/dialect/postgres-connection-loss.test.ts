import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createServices } from '../../create-services.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';
import { PG_URL, postgresReachable } from '../../test/dialects.ts';
import { ingestRequest, messageEvent } from '../../test/ingest-requests.ts';
import { TcpProxy } from '../../test/tcp-proxy.ts';
import { openStore } from '../db.ts';
import { migrateToLatest } from '../migrations/migrate.ts';

/**
 * Regression for issue 9.9: a dropped PostgreSQL connection ended the process (the pool had no
 * 'error' listener), and with the database away writes answered a mix of 500 and 503. The server
 * reaches PostgreSQL through a loopback proxy with its own application_name, so the test
 * terminates only its own backends and can take "the database" away without touching others'.
 */
const pgOk = await postgresReachable();
const hex = () => randomBytes(16).toString('hex');

describe.skipIf(!pgOk)('PostgreSQL connection loss [postgres]', () => {
  const appName = `cl_faults_${process.pid}_${hex().slice(0, 8)}`;
  const schema = `t_conn_${hex().slice(0, 10)}`;
  const target = new URL(PG_URL);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  let admin: pg.Client;
  let svc: Services;
  let app: ZApp;
  let token: string;
  let ingestKey: string;

  const req = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const createIssue = (title: string) => req('POST', '/api/v1/projects/SHOP/issues', { title });
  const ingest = () => app.inject(ingestRequest(ingestKey, [messageEvent('hello')]));
  const terminateOwnBackends = async () =>
    (
      await admin.query(
        'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
        [appName],
      )
    ).rowCount ?? 0;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await proxy.start();
    const url = new URL(PG_URL);
    url.host = `127.0.0.1:${proxy.port}`;
    url.searchParams.set('application_name', appName);
    const store = openStore({ databaseUrl: url.toString(), dataDir: '', pgSchema: schema });
    await migrateToLatest(store.db, 'postgres');
    svc = createServices(
      store,
      loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'http://localhost:4000', LOG_LEVEL: 'silent' }),
    );
    svc.ingest.worker.start();
    app = await buildApp(svc, { webDist: '/nonexistent' });
    const signup = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'o@example.com', password: 'owner-password', name: 'O', workspaceName: 'Acme' },
    });
    const cookie = signup.cookies.find((c) => c.name === 'cl_session')!.value;
    token = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        cookies: { cl_session: cookie },
        payload: { name: 't' },
      })
    ).json().token;
    expect((await req('POST', '/api/v1/projects', { key: 'SHOP', name: 'Shop' })).statusCode).toBe(201);
    ingestKey = (await req('POST', '/api/v1/projects/SHOP/ingest-keys', {})).json().publicKey;
  });

  afterAll(async () => {
    await app?.close();
    await svc?.ingest.worker.stop();
    await svc?.store.close();
    await proxy.stop();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('survives its backends being terminated mid-load and reconnects by itself', async () => {
    const statuses: number[] = [];
    let done = 0;
    let terminated = 0;
    const lane = async (lane: number) => {
      for (let i = 0; i < 15; i++) {
        const r = await (i % 3 === 0
          ? ingest()
          : i % 3 === 1
            ? createIssue(`load ${lane}.${i}`)
            : req('GET', '/api/v1/issues?limit=20'));
        statuses.push(r.statusCode);
        if (r.statusCode === 503) expect(r.headers['retry-after']).toBeDefined();
        if (++done === 20 || done === 60) terminated += await terminateOwnBackends();
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5].map(lane));
    expect(terminated).toBeGreaterThan(0);
    // Only successes or "retry later" while the connections drop: never a 500.
    expect(statuses.filter((s) => !(s < 300 || s === 503))).toEqual([]);

    // Afterwards every request succeeds on fresh connections.
    for (let i = 0; i < 5; i++) expect((await createIssue(`after ${i}`)).statusCode).toBe(201);
    expect((await ingest()).statusCode).toBe(202);
    await svc.ingest.worker.drain();
    const live = await admin.query(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [appName],
    );
    expect(live.rows[0].n).toBeGreaterThan(0);
  });

  it('answers 503 with Retry-After while the database is away, and recovers when it returns', async () => {
    const before = (await req('GET', '/api/v1/issues?limit=100')).json().items.length as number;
    await proxy.stop();
    const write = await createIssue('while away');
    expect(write.statusCode).toBe(503);
    expect(write.headers['retry-after']).toBe('5');
    expect(write.json().error.code).toBe('unavailable');
    const ingested = await ingest();
    expect(ingested.statusCode).toBe(503);
    expect(ingested.headers['retry-after']).toBeDefined();
    const read = await req('GET', '/api/v1/issues?limit=100');
    expect(read.statusCode).toBe(503);

    await proxy.start();
    expect((await createIssue('back again')).statusCode).toBe(201);
    expect((await req('GET', '/api/v1/issues?limit=100')).json().items.length).toBe(before + 1);
  });
});
