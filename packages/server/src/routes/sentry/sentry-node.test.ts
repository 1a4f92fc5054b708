import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import {
  createProjectWithKey,
  dsnFor,
  type IssueSummary,
  issuesOf,
  listen,
  monitoringOf,
  type ProjectKey,
  runNodeApp,
} from './sentry-test-kit.ts';

/**
 * The real @sentry/node, unchanged, in a child process, reporting to a listening Closeloop through
 * a DSN made from a Closeloop ingest key. Everything is checked through Closeloop's own API.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const sdkVersion = (
  JSON.parse(await readFile(path.join(repoRoot, 'node_modules/@sentry/node/package.json'), 'utf8')) as {
    version: string;
  }
).version;

const APP = `
import * as Sentry from '@sentry/node';
const [dsn, mode] = process.argv.slice(2);
Sentry.init({ dsn, release: 'shop-api@3.1.0', environment: 'staging', tracesSampleRate: 1 });
Sentry.setUser({ id: 'u-' + mode, email: mode + '@example.com' });
Sentry.setTag('region', 'eu');

function checkout(cart) {
  return cart.items.length;
}

function settle(order) {
  return order.total.amount;
}

if (mode === 'crash') {
  // Unhandled: the SDK captures it, marks the session crashed, flushes and exits with 1.
  setTimeout(() => settle({}), 10);
} else {
  // Three messages, one throw site. (Identical consecutive errors would be dropped by the SDK's
  // own dedupe integration before sending.)
  for (const cart of [undefined, null, {}]) {
    try {
      checkout(cart);
    } catch (error) {
      Sentry.captureException(error);
    }
  }
  for (const ms of [2300, 4100]) {
    Sentry.withScope((scope) => {
      scope.setFingerprint(['{{ default }}', 'payments']);
      Sentry.captureMessage('payment gateway slow: ' + ms + 'ms', 'warning');
    });
  }
  // Two unrelated errors that the application groups together by its own fingerprint.
  for (const error of [new Error('inventory service timeout'), new RangeError('stock count out of range')]) {
    Sentry.withScope((scope) => {
      scope.setFingerprint(['inventory-sync']);
      Sentry.captureException(error);
    });
  }
  Sentry.startSpan({ name: 'GET /checkout', op: 'http.server' }, () => {
    Sentry.startSpan({ name: 'SELECT cart', op: 'db.query' }, () => {});
  });
  await Sentry.close(20000);
}
`;

const runSdk = (dsn: string, mode: 'normal' | 'crash') => runNodeApp(APP, [dsn, mode]);

describeEachDialect(`real @sentry/node ${sdkVersion} against a listening Closeloop`, (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let key: ProjectKey;
  let issues: IssueSummary[];

  beforeAll(async () => {
    member = await h.invite('member');
    key = await createProjectWithKey(h, 'API');
    const port = await listen(h);
    const normal = await runSdk(dsnFor(key, port), 'normal');
    expect(normal.code, normal.stderr).toBe(0);
    const crash = await runSdk(dsnFor(key, port), 'crash');
    expect(crash.code, crash.stderr).toBe(1);
    await h.svc.ingest.worker.drain();
    issues = await issuesOf(h, member, 'API');
  }, 60_000);

  const issue = (pattern: RegExp) => {
    const found = issues.filter((i) => pattern.test(i.title));
    expect(found, JSON.stringify(issues.map((i) => i.title))).toHaveLength(1);
    return found[0] as IssueSummary;
  };

  it('groups the caught TypeErrors into one issue with counts, release, environment, tags and frames', async () => {
    // The three envelopes travel as separate requests, so whichever lands first names the issue:
    // 'items' (undefined, null cart) or 'length' (empty cart).
    const typeError = issue(/TypeError: .*'(items|length)'/);
    const mon = await monitoringOf(h, member, typeError.key);
    expect(mon).toMatchObject({ kind: 'error', eventCount: 3, userCount: 1, lastRelease: 'shop-api@3.1.0' });
    expect(mon.facets.environment).toEqual([{ value: 'staging', count: 3 }]);
    expect(mon.facets.browser?.[0]?.value).toMatch(/^Node \d+/);
    const event = mon.events[0].event;
    expect(event).toMatchObject({
      platform: 'node',
      release: 'shop-api@3.1.0',
      environment: 'staging',
      user: { id: 'u-normal', email: 'normal@example.com' },
      tags: { region: 'eu' },
      exception: { type: 'TypeError', mechanism: { handled: true } },
    });
    expect(event.sdk.name).toBe('sentry.javascript.node');
    const thrower = event.exception.frames.filter((f: { in_app?: boolean }) => f.in_app).at(-1);
    expect(thrower).toMatchObject({ function: 'checkout' });
    expect(thrower.context_line).toContain('cart.items.length');
  });

  it('files the uncaught exception of the crashing run as its own unhandled issue', async () => {
    const crash = issue(/TypeError: .*'amount'/);
    const mon = await monitoringOf(h, member, crash.key);
    expect(mon).toMatchObject({ eventCount: 1, userCount: 1 });
    expect(mon.events[0].event).toMatchObject({
      level: 'fatal',
      user: { id: 'u-crash' },
      exception: { mechanism: { handled: false } },
    });
  });

  it('groups captured messages by their parameterised text and the {{ default }} fingerprint', async () => {
    const slow = issue(/payment gateway slow/);
    const mon = await monitoringOf(h, member, slow.key);
    expect(mon.eventCount).toBe(2);
    expect(mon.events[0].event).toMatchObject({ type: 'message', level: 'warning' });
    expect(mon.events[0].event.fingerprint).toEqual(['{{ default }}', 'payments']);
  });

  it('groups different errors that share a custom fingerprint into one issue', async () => {
    const matching = issues.filter((i) => /inventory service timeout|stock count out of range/.test(i.title));
    expect(matching).toHaveLength(1);
    const mon = await monitoringOf(h, member, (matching[0] as IssueSummary).key);
    expect(mon.eventCount).toBe(2);
    expect(JSON.stringify(mon.components)).toContain('inventory-sync');
  });

  it('makes no issue of the transaction but keeps it in the raw log', async () => {
    expect(issues.some((i) => i.title.includes('GET /checkout'))).toBe(false);
    const rows = await h.svc.store.db
      .selectFrom('raw_events')
      .select('payload')
      .where('project_id', '=', Number(key.projectId))
      .execute();
    const tx = rows.map((r) => JSON.parse(r.payload)).find((e) => e.type === 'transaction');
    expect(tx).toMatchObject({
      route: 'GET /checkout',
      release: 'shop-api@3.1.0',
      transaction: { name: 'GET /checkout', op: 'http.server' },
    });
    expect(tx.transaction.spans).toEqual([
      expect.objectContaining({ op: 'db.query', description: 'SELECT cart' }),
    ]);
  });

  it('tracks release health: two sessions, one crashed', async () => {
    const r = await h.req({ method: 'GET', url: '/api/v1/projects/API/releases', as: member });
    expect(r.status).toBe(200);
    const release = r.body.items.find((i: { release: string }) => i.release === 'shop-api@3.1.0');
    expect(release.health).toMatchObject({
      sessions: 2,
      crashed: 1,
      users: 2,
      crashedUsers: 1,
      crashFreeSessions: 0.5,
      crashFreeUsers: 0.5,
    });
    expect(release.environments).toEqual([expect.objectContaining({ environment: 'staging' })]);
  });
});
