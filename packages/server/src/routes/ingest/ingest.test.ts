import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

const eventId = () => randomBytes(16).toString('hex');

function errorEvent(over: Record<string, unknown> = {}, line = 10) {
  return {
    event_id: eventId(),
    type: 'error',
    timestamp: Date.now(),
    platform: 'browser',
    release: 'shop@1.0.0',
    environment: 'production',
    session_id: 'sess-1',
    user: { id: 'u1' },
    url: 'https://shop.test/checkout?step=2',
    exception: {
      type: 'TypeError',
      value: "Cannot read properties of undefined (reading 'price')",
      frames: [
        {
          function: 'main',
          filename: 'https://shop.test/assets/app.3f9a1c2b.js',
          lineno: 1,
          colno: 5,
          in_app: true,
        },
        {
          function: 'renderCart',
          filename: 'https://shop.test/assets/cart.9d8e7f6a.js',
          lineno: line,
          colno: 15,
          in_app: true,
        },
      ],
    },
    contexts: { browser: { name: 'Chrome', version: '126.0' }, os: { name: 'Windows' } },
    ...over,
  };
}

describeEachDialect('ingest and grouping', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let key: { publicKey: string; dsn: string; id: number };

  beforeAll(async () => {
    member = await h.invite('member');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'SHOP', name: 'Shop' },
    });
    const r = await h.req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/ingest-keys',
      as: h.owner,
      payload: { name: 'web' },
    });
    expect(r.status).toBe(201);
    key = r.body;
  });

  const send = (
    events: unknown[],
    opts: { key?: string; headers?: Record<string, string>; payload?: string | Buffer } = {},
  ) =>
    h.req({
      method: 'POST',
      url: `/api/ingest/v1/events?key=${opts.key ?? key.publicKey}`,
      headers: { 'content-type': 'application/json', ...(opts.headers ?? {}) },
      payload: opts.payload ?? JSON.stringify({ v: 1, events }),
    });

  const issuesOfKind = async (kind: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues?project=SHOP&kind=${kind}&limit=100`, as: member }))
      .body.items as { key: string; title: string; status: string; labels: string[] }[];

  it('gives each key a Sentry-style DSN and lets only admins create keys', async () => {
    expect(key.dsn).toMatch(new RegExp(`^http://${key.publicKey}@localhost:4000/\\d+$`));
    expect(key.publicKey).toMatch(/^[0-9a-f]{32}$/);
    const denied = await h.req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/ingest-keys',
      as: member,
      payload: {},
    });
    expect(denied.status).toBe(403);
  });

  it('groups errors by normalised in-app frames, not by line numbers or bundle hashes', async () => {
    const a = await send([
      errorEvent(),
      errorEvent({}, 99),
      errorEvent({ user: { id: 'u2' }, session_id: 'sess-2' }, 42),
    ]);
    expect(a.status).toBe(202);
    expect(a.body).toEqual({ accepted: 3, rejected: [] });
    const other = errorEvent({
      exception: {
        type: 'RangeError',
        value: 'Invalid array length',
        frames: [
          { function: 'paginate', filename: 'https://shop.test/assets/list.js', lineno: 3, in_app: true },
        ],
      },
    });
    await send([other]);
    await h.svc.ingest.worker.drain();
    const issues = await issuesOfKind('error');
    expect(issues).toHaveLength(2);
    const typeError = issues.find((i) => i.title.startsWith('TypeError'))!;
    const mon = await h.req({ method: 'GET', url: `/api/v1/issues/${typeError.key}/monitoring`, as: member });
    expect(mon.status).toBe(200);
    expect(mon.body).toMatchObject({
      eventCount: 3,
      userCount: 2,
      sessionCount: 2,
      lastRelease: 'shop@1.0.0',
    });
    expect(mon.body.hourly.reduce((n: number, x: { count: number }) => n + x.count, 0)).toBe(3);
    expect(mon.body.facets.browser).toEqual([{ value: 'Chrome 126', count: 3 }]);
    expect(mon.body.events[0].event.exception.type).toBe('TypeError');
  });

  it('counts a retried event (same id) once', async () => {
    const e = errorEvent({
      exception: {
        type: 'SyntaxError',
        value: 'x',
        frames: [{ function: 'parse', filename: 'a.js', in_app: true }],
      },
    });
    await send([e]);
    await send([e]);
    await h.svc.ingest.worker.drain();
    const issue = (await issuesOfKind('error')).find((i) => i.title.startsWith('SyntaxError'))!;
    const mon = await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}/monitoring`, as: member });
    expect(mon.body.eventCount).toBe(1);
  });

  it('files failed requests as network issues, and rage and dead clicks on one element as one frustration issue', async () => {
    const net = (status: number, path: string) => ({
      event_id: eventId(),
      type: 'network',
      timestamp: Date.now(),
      url: 'https://shop.test/checkout',
      request: { url: `https://api.shop.test${path}`, method: 'POST', status, duration_ms: 120 },
    });
    await send([net(503, '/orders/123'), net(502, '/orders/456')]);
    await send([
      {
        event_id: eventId(),
        type: 'rage_click',
        timestamp: Date.now(),
        url: 'https://shop.test/checkout',
        route: '/checkout',
        click: { selector: 'button#place-order', count: 5 },
      },
    ]);
    await h.svc.ingest.worker.drain();
    await send([
      {
        event_id: eventId(),
        type: 'dead_click',
        timestamp: Date.now(),
        url: 'https://shop.test/checkout?step=2',
        route: '/checkout',
        click: { selector: 'button#place-order', count: 1 },
      },
    ]);
    await h.svc.ingest.worker.drain();
    expect(await issuesOfKind('network')).toHaveLength(1);
    const frustrations = await issuesOfKind('frustration');
    expect(frustrations.map((i) => i.title)).toEqual([
      'Rage or dead clicks on button#place-order at /checkout',
    ]);
    const mon = await h.req({
      method: 'GET',
      url: `/api/v1/issues/${frustrations[0]!.key}/monitoring`,
      as: member,
    });
    expect(mon.body.eventCount).toBe(2);
  });

  it('keeps good events of a batch and reports the bad ones precisely', async () => {
    const r = await send([errorEvent(), { type: 'error' }, { ...errorEvent(), timestamp: 'yesterday' }]);
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(1);
    expect(r.body.rejected.map((x: { index: number }) => x.index)).toEqual([1, 2]);
    expect(r.body.rejected[1].error.message).toMatch(/events\.2\.timestamp/);
  });

  it('accepts gzip bodies and text/plain (sendBeacon) bodies', async () => {
    const body = gzipSync(JSON.stringify({ v: 1, events: [errorEvent()] }));
    expect((await send([], { payload: body, headers: { 'content-encoding': 'gzip' } })).status).toBe(202);
    expect(
      (
        await send([], {
          payload: JSON.stringify({ v: 1, events: [errorEvent()] }),
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
        })
      ).status,
    ).toBe(202);
  });

  it('answers malformed bodies and unknown keys with clear 4xx errors', async () => {
    const bad = await send([], { payload: '{"v":1,"events":[' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid');
    expect((await send([], { payload: JSON.stringify({ v: 2, events: [] }) })).status).toBe(400);
    expect((await send([], { payload: 'garbage', headers: { 'content-encoding': 'gzip' } })).status).toBe(
      400,
    );
    const unknown = await send([errorEvent()], { key: 'f'.repeat(32) });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('unauthenticated');
  });

  it('scrubs secrets before storing', async () => {
    const e = errorEvent({
      extra: { password: 'hunter2', cart: 3 },
      exception: {
        type: 'ScrubError',
        value: 'v',
        frames: [{ function: 'pay', filename: 'p.js', in_app: true }],
      },
    });
    await send([e]);
    await h.svc.ingest.worker.drain();
    const issue = (await issuesOfKind('error')).find((i) => i.title.startsWith('ScrubError'))!;
    const mon = await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}/monitoring`, as: member });
    expect(mon.body.events[0].event.extra).toEqual({ password: '[Filtered]', cart: 3 });
  });

  it('enforces allowed origins, rate limits with Retry-After, and revocation', async () => {
    const k = (
      await h.req({
        method: 'POST',
        url: '/api/v1/projects/SHOP/ingest-keys',
        as: h.owner,
        payload: { name: 'limited', allowedOrigins: ['https://shop.test'], rateLimitPerMinute: 3 },
      })
    ).body;
    const evil = await send([errorEvent()], { key: k.publicKey, headers: { origin: 'https://evil.test' } });
    expect(evil.status).toBe(403);
    const ok = await send([errorEvent(), errorEvent()], {
      key: k.publicKey,
      headers: { origin: 'https://shop.test' },
    });
    expect(ok.status).toBe(202);
    expect(ok.headers['access-control-allow-origin']).toBe('https://shop.test');
    // One token left: the batch is accepted in part, the second event refused as over the limit.
    const partly = await send([errorEvent(), errorEvent()], {
      key: k.publicKey,
      headers: { origin: 'https://shop.test' },
    });
    expect(partly.status).toBe(202);
    expect(partly.body.accepted).toBe(1);
    expect(partly.body.rejected).toMatchObject([{ index: 1, error: { code: 'rate_limited' } }]);
    const limited = await send([errorEvent()], {
      key: k.publicKey,
      headers: { origin: 'https://shop.test' },
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await h.req({
      method: 'PATCH',
      url: `/api/v1/projects/SHOP/ingest-keys/${k.id}`,
      as: h.owner,
      payload: { revoked: true },
    });
    expect((await send([errorEvent()], { key: k.publicKey })).status).toBe(401);
  });

  it('reopens an issue fixed in one release when a later release shows it again, and not for stragglers', async () => {
    const frames = [{ function: 'applyCoupon', filename: 'https://shop.test/coupon.js', in_app: true }];
    const ev = (release: string) =>
      errorEvent({ release, exception: { type: 'CouponError', value: 'expired', frames } });
    await send([ev('shop@2.0.0')]);
    await h.svc.ingest.worker.drain();
    const issue = (await issuesOfKind('error')).find((i) => i.title.startsWith('CouponError'))!;
    const current = (await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}`, as: member })).body;
    const closed = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${issue.key}`,
      as: member,
      payload: { version: current.version, status: 'done', resolution: 'fixed' },
    });
    expect(closed.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    await send([ev('shop@2.0.0')]);
    await h.svc.ingest.worker.drain();
    expect(
      (await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}`, as: member })).body.statusCategory,
    ).toBe('done');
    await send([ev('shop@2.1.0')]);
    await h.svc.ingest.worker.drain();
    const reopened = (await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}`, as: member })).body;
    expect(reopened.statusCategory).not.toBe('done');
    expect(reopened.resolution).toBeNull();
    expect(reopened.labels).toContain('regression');
    const history = (await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}/activity`, as: member }))
      .body;
    expect(history.some((a: { action: string }) => a.action === 'regressed')).toBe(true);
  });
});
