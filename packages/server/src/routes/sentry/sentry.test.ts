import { randomBytes } from 'node:crypto';
import { deflateSync, gzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import {
  buildBrowserErrorEvent,
  buildNodeMessageEvent,
  buildTransactionEvent,
  REPLAY_ID,
} from '../../sentry/fixtures.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { buildEnvelope, type EnvelopeItemSpec } from './sentry-envelope.ts';

const hex = () => randomBytes(16).toString('hex');
const nowSec = () => Date.now() / 1000;

interface Key {
  id: number;
  publicKey: string;
  dsn: string;
  projectId: string;
}

describeEachDialect('Sentry-compatible ingest', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let key: Key;
  let otherKey: Key;

  const newKey = async (project: string, body: Record<string, unknown> = {}): Promise<Key> => {
    const r = await h.req({
      method: 'POST',
      url: `/api/v1/projects/${project}/ingest-keys`,
      as: h.owner,
      payload: body,
    });
    expect(r.status).toBe(201);
    return { ...r.body, projectId: String(r.body.dsn).split('/').pop() };
  };

  beforeAll(async () => {
    member = await h.invite('member');
    for (const [k, name] of [
      ['SHOP', 'Shop'],
      ['API', 'Api'],
    ]) {
      const r = await h.req({
        method: 'POST',
        url: '/api/v1/projects',
        as: h.owner,
        payload: { key: k, name },
      });
      expect(r.status).toBe(201);
    }
    key = await newKey('SHOP');
    otherKey = await newKey('API');
  });

  const post = (
    body: Buffer | string,
    opts: {
      k?: Key;
      path?: 'envelope' | 'store';
      projectId?: string;
      query?: boolean;
      headers?: Record<string, string>;
    } = {},
  ) => {
    const k = opts.k ?? key;
    const q = opts.query === false ? '' : `?sentry_key=${k.publicKey}&sentry_version=7`;
    return h.req({
      method: 'POST',
      url: `/api/${opts.projectId ?? k.projectId}/${opts.path ?? 'envelope'}/${q}`,
      headers: { 'content-type': 'text/plain;charset=UTF-8', ...(opts.headers ?? {}) },
      payload: body,
    });
  };

  const eventItem = (event: Record<string, unknown>): EnvelopeItemSpec => ({
    header: { type: 'event' },
    payload: event,
  });

  const issues = async (kind: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues?project=SHOP&kind=${kind}&limit=100`, as: member }))
      .body.items as { key: string; title: string }[];

  it('accepts an error event, answers its id like Sentry and groups it with browser context', async () => {
    const event = buildBrowserErrorEvent({ event_id: hex(), timestamp: nowSec() });
    const r = await post(
      buildEnvelope({ event_id: event.event_id, sent_at: new Date().toISOString() }, [eventItem(event)]),
      {
        headers: { origin: 'https://shop.example.com' },
      },
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: event.event_id });
    expect(r.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    await h.svc.ingest.worker.drain();
    const found = (await issues('error')).find((i) => i.title.includes('TypeError'));
    expect(found).toBeDefined();
    const mon = await h.req({ method: 'GET', url: `/api/v1/issues/${found?.key}/monitoring`, as: member });
    expect(mon.body.eventCount).toBe(1);
    expect(mon.body.facets.browser).toEqual([{ value: 'Chrome 126', count: 1 }]);
    expect(mon.body.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual([REPLAY_ID]);
    expect(mon.body.events[0].event.exception.frames.at(-1)).toMatchObject({
      function: 'submitOrder',
      context_line: '  const total = cart.summary.total;',
    });
  });

  it('authenticates by X-Sentry-Auth, by Authorization: Sentry and by the envelope header dsn', async () => {
    const variants: [string, Parameters<typeof post>[1], Record<string, unknown>][] = [
      [
        'header',
        {
          query: false,
          headers: { 'x-sentry-auth': `Sentry sentry_version=7, sentry_key=${key.publicKey}` },
        },
        {},
      ],
      [
        'authorization',
        { query: false, headers: { authorization: `Sentry sentry_key=${key.publicKey}` } },
        {},
      ],
      ['dsn', { query: false }, { dsn: `http://${key.publicKey}@localhost:4000/${key.projectId}` }],
    ];
    for (const [, opts, header] of variants) {
      const event = buildNodeMessageEvent({ event_id: hex() });
      const r = await post(buildEnvelope({ event_id: event.event_id, ...header }, [eventItem(event)]), opts);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toEqual({ id: event.event_id });
    }
  });

  it('refuses missing, unknown and revoked keys with 401 and another project’s key with 403', async () => {
    const body = buildEnvelope({}, [eventItem(buildNodeMessageEvent({ event_id: hex() }))]);
    const none = await post(body, { query: false });
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: 'unauthenticated', details: { reason: 'missing' } });
    const unknown = await post(body, { k: { ...key, publicKey: 'f'.repeat(32) } });
    expect(unknown.status).toBe(401);
    const revoked = await newKey('SHOP');
    const patch = await h.req({
      method: 'PATCH',
      url: `/api/v1/projects/SHOP/ingest-keys/${revoked.id}`,
      as: h.owner,
      payload: { revoked: true },
    });
    expect(patch.status).toBe(200);
    expect((await post(body, { k: revoked })).status).toBe(401);
    const foreign = await post(body, { k: otherKey, projectId: key.projectId });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.details).toMatchObject({ reason: 'project_mismatch' });
    // A DSN in the envelope naming another project than the URL is a malformed request.
    const mismatch = await post(buildEnvelope({ dsn: `http://${key.publicKey}@h/999999` }, []), {
      query: false,
    });
    expect(mismatch.status).toBe(400);
  });

  it('refuses keys from origins the key does not allow', async () => {
    const strict = await newKey('SHOP', { allowedOrigins: ['https://shop.example.com'] });
    const body = buildEnvelope({}, [eventItem(buildNodeMessageEvent({ event_id: hex() }))]);
    expect((await post(body, { k: strict, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await post(body, { k: strict, headers: { origin: 'https://shop.example.com' } })).status).toBe(
      200,
    );
  });

  it('decodes gzip and deflate bodies and items without a length', async () => {
    const a = buildNodeMessageEvent({ event_id: hex() });
    const b = buildNodeMessageEvent({ event_id: hex() });
    const gz = await post(gzipSync(buildEnvelope({}, [{ ...eventItem(a), implicitLength: true }])), {
      headers: { 'content-encoding': 'gzip' },
    });
    expect(gz.status).toBe(200);
    expect(gz.body).toEqual({ id: a.event_id });
    const df = await post(deflateSync(buildEnvelope({}, [eventItem(b)])), {
      headers: { 'content-encoding': 'deflate' },
    });
    expect(df.body).toEqual({ id: b.event_id });
  });

  it('keeps transactions in the raw log as transaction events without making issues of them', async () => {
    const tx = buildTransactionEvent({ event_id: hex(), timestamp: nowSec(), start_timestamp: nowSec() - 2 });
    const r = await post(
      buildEnvelope({ event_id: tx.event_id }, [{ header: { type: 'transaction' }, payload: tx }]),
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: tx.event_id });
    const row = await h.svc.store.db
      .selectFrom('raw_events')
      .select('payload')
      .where('event_id', '=', String(tx.event_id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.payload)).toMatchObject({
      type: 'transaction',
      route: '/checkout',
      transaction: { op: 'pageload' },
    });
    await h.svc.ingest.worker.drain();
    for (const kind of ['error', 'network', 'frustration']) {
      expect((await issues(kind)).some((i) => i.title.includes('/checkout') && kind !== 'error')).toBe(false);
    }
  });

  it('counts release health from session updates and aggregates, with crash-free rates', async () => {
    const started = new Date(Date.now() - 60_000).toISOString();
    const session = (sid: string, over: Record<string, unknown>) => ({
      header: { type: 'session' },
      payload: {
        sid,
        started,
        timestamp: new Date().toISOString(),
        attrs: { release: 'app@2.0.0', environment: 'production' },
        ...over,
      },
    });
    const [s1, s2, s3] = [hex(), hex(), hex()];
    await post(
      buildEnvelope({}, [
        session(s1, { init: true, status: 'ok', did: 'u1' }),
        session(s2, { init: true, status: 'ok', did: 'u2' }),
        session(s3, { init: true, status: 'ok', did: 'u1' }),
      ]),
    );
    const ended = await post(
      buildEnvelope({}, [
        session(s1, { status: 'exited', errors: 0, did: 'u1' }),
        session(s2, { status: 'crashed', errors: 1, did: 'u2' }),
        session(s3, { status: 'exited', errors: 2, did: 'u1' }),
        // A retry of the crash changes nothing.
        session(s2, { status: 'crashed', errors: 1, did: 'u2' }),
      ]),
    );
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({});
    await post(
      buildEnvelope({}, [
        {
          header: { type: 'sessions' },
          payload: {
            attrs: { release: 'app@2.0.0', environment: 'staging' },
            aggregates: [{ started, exited: 5, errored: 1, crashed: 2, did: 'u3' }],
          },
        },
      ]),
    );
    const r = await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/releases', as: member });
    expect(r.status).toBe(200);
    const release = r.body.items.find((i: { release: string }) => i.release === 'app@2.0.0');
    expect(release.health).toEqual({
      sessions: 11,
      healthy: 6,
      errored: 2,
      unhandled: 0,
      abnormal: 0,
      crashed: 3,
      users: 3,
      crashedUsers: 2,
      crashFreeSessions: 1 - 3 / 11,
      crashFreeUsers: 1 - 2 / 3,
    });
    expect(release.environments.map((e: { environment: string }) => e.environment)).toEqual([
      'production',
      'staging',
    ]);
    expect(release.environments[0].health).toMatchObject({
      sessions: 3,
      crashed: 1,
      users: 2,
      crashFreeSessions: 1 - 1 / 3,
    });
    const staging = await h.req({
      method: 'GET',
      url: '/api/v1/projects/SHOP/releases?environment=staging',
      as: member,
    });
    expect(staging.body.items).toHaveLength(1);
    expect(staging.body.items[0].health).toMatchObject({
      sessions: 8,
      crashed: 2,
      users: 1,
      crashedUsers: 1,
    });
    // Releases seen in events are listed even without sessions.
    expect(r.body.items.some((i: { release: string }) => i.release === 'shop-web@2.3.1')).toBe(true);
  });

  it('stores attachments with their event, lists and downloads them, and drops oversized ones', async () => {
    const event = buildNodeMessageEvent({ event_id: hex() });
    const r = await post(
      buildEnvelope({ event_id: event.event_id }, [
        eventItem(event),
        {
          header: { type: 'attachment', filename: 'log.txt', content_type: 'text/plain' },
          payload: Buffer.from('line 1\nline 2\n'),
        },
        {
          header: { type: 'attachment', filename: 'page.html', content_type: 'text/html' },
          payload: Buffer.from('<script>alert(1)</script>'),
        },
        {
          header: { type: 'attachment', filename: 'huge.bin' },
          payload: Buffer.alloc(10 * 1024 * 1024 + 1),
        },
      ]),
    );
    expect(r.status).toBe(200);
    const list = await h.req({
      method: 'GET',
      url: `/api/v1/projects/SHOP/events/${event.event_id}/attachments`,
      as: member,
    });
    expect(list.body.items.map((a: { filename: string; size: number }) => [a.filename, a.size])).toEqual([
      ['log.txt', 14],
      ['page.html', 25],
    ]);
    const text = await h.req({ method: 'GET', url: list.body.items[0].downloadUrl, as: member });
    expect(text.status).toBe(200);
    expect(text.body).toBe('line 1\nline 2\n');
    expect(text.headers['content-disposition']).toMatch(/^attachment; filename="log.txt"/);
    const html = await h.req({ method: 'GET', url: list.body.items[1].downloadUrl, as: member });
    expect(html.headers['content-type']).toBe('application/octet-stream');
    const drops = await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/client-reports', as: member });
    expect(drops.body.items).toContainEqual({
      source: 'server',
      category: 'attachment',
      reason: 'too_large',
      quantity: 1,
    });
    const other = await h.req({
      method: 'GET',
      url: `/api/v1/projects/API/attachments/${list.body.items[0].id}`,
      as: member,
    });
    expect(other.status).toBe(404);
  });

  it('stores replay segments linked to the replay id, which is the session id of its events', async () => {
    const rrweb = [{ type: 4, timestamp: Date.now(), data: { href: 'https://shop.example.com/' } }];
    const recording = (segment: number, body: Buffer) =>
      Buffer.concat([Buffer.from(`${JSON.stringify({ segment_id: segment })}\n`), body]);
    const r = await post(
      buildEnvelope({ event_id: REPLAY_ID }, [
        {
          header: { type: 'replay_event' },
          payload: {
            type: 'replay_event',
            replay_id: REPLAY_ID,
            segment_id: 0,
            error_ids: [],
            urls: ['https://shop.example.com/'],
            timestamp: nowSec(),
          },
        },
        { header: { type: 'replay_recording' }, payload: recording(0, deflateSync(JSON.stringify(rrweb))) },
      ]),
    );
    expect(r.status).toBe(200);
    await post(
      buildEnvelope({ event_id: REPLAY_ID }, [
        { header: { type: 'replay_recording' }, payload: recording(1, Buffer.from('[]')) },
      ]),
    );
    const list = await h.req({
      method: 'GET',
      url: `/api/v1/projects/SHOP/replays/${REPLAY_ID}`,
      as: member,
    });
    expect(list.status).toBe(200);
    expect(list.body.sessionId).toBe(REPLAY_ID);
    expect(list.body.segments.map((s: { segmentId: number; kind: string }) => [s.segmentId, s.kind])).toEqual(
      [
        [0, 'event'],
        [0, 'recording'],
        [1, 'recording'],
      ],
    );
    const seg = await h.req({ method: 'GET', url: list.body.segments[1].url, as: member });
    expect(seg.body).toEqual(rrweb);
    const meta = await h.req({ method: 'GET', url: list.body.segments[0].url, as: member });
    expect(meta.body).toMatchObject({ replay_id: REPLAY_ID, urls: ['https://shop.example.com/'] });
  });

  it('counts client reports and user feedback, and ignores unknown item types', async () => {
    const r = await post(
      buildEnvelope({}, [
        {
          header: { type: 'client_report' },
          payload: {
            timestamp: nowSec(),
            discarded_events: [
              { reason: 'sample_rate', category: 'transaction', quantity: 7 },
              { reason: 'network_error', category: 'error', quantity: 2 },
            ],
          },
        },
        { header: { type: 'check_in' }, payload: { check_in_id: hex(), status: 'ok' } },
        { header: { type: 'something_new' }, payload: 'whatever' },
        {
          header: { type: 'user_report' },
          payload: { event_id: 'aa'.repeat(16), name: 'Ada', email: 'ada@example.com', comments: 'It broke' },
        },
      ]),
    );
    expect(r.status).toBe(200);
    const drops = await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/client-reports', as: member });
    expect(drops.body.items).toEqual(
      expect.arrayContaining([
        { source: 'client', category: 'transaction', reason: 'sample_rate', quantity: 7 },
        { source: 'client', category: 'error', reason: 'network_error', quantity: 2 },
      ]),
    );
    const feedback = await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/feedback', as: member });
    expect(feedback.body.items[0]).toMatchObject({
      message: 'It broke',
      name: 'Ada',
      associatedEventId: 'aa'.repeat(16),
    });
  });

  it('answers 400 for truncated or corrupt envelopes and bodies, never 500', async () => {
    const good = buildEnvelope({}, [eventItem(buildNodeMessageEvent({ event_id: hex() }))]);
    const bodies: [Buffer, Record<string, string>][] = [
      [good.subarray(0, good.length - 40), {}],
      [Buffer.from('{"event_id":'), {}],
      [Buffer.from('{}\n{"type":"event","length":999}\n{}'), {}],
      [Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' }],
      [gzipSync(good).subarray(0, 30), { 'content-encoding': 'gzip' }],
    ];
    for (const [body, headers] of bodies) {
      const r = await post(body, { headers });
      expect(r.status, `${body.toString('latin1').slice(0, 40)}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.error.code).toBe('invalid');
    }
    const badEncoding = await post(good, { headers: { 'content-encoding': 'zstd' } });
    expect(badEncoding.status).toBe(415);
    const badProject = await post(good, { projectId: 'abc' });
    expect(badProject.status).toBe(400);
  });

  it('answers 413 for bodies too large before or after decoding', async () => {
    const bomb = gzipSync(Buffer.alloc(25 * 1024 * 1024, 0x20));
    const r = await post(bomb, { headers: { 'content-encoding': 'gzip' } });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
    const big = await post(Buffer.alloc(21 * 1024 * 1024, 0x20), {
      headers: { origin: 'https://a.example' },
    });
    expect(big.status).toBe(413);
    expect(big.headers['access-control-allow-origin']).toBe('https://a.example');
  });

  it('refuses a keyless envelope with 401 before decoding its body (issue 15: work before authentication)', async () => {
    // 25 MiB of spaces gzip to ~25 KB. Decoding the whole body first answered 413 (and cost the
    // decode); read only up to the header line, the missing key answers 401.
    const bomb = gzipSync(Buffer.concat([Buffer.from('{}\n'), Buffer.alloc(25 * 1024 * 1024, 0x20)]));
    const keyless = await post(bomb, { query: false, headers: { 'content-encoding': 'gzip' } });
    expect([keyless.status, keyless.body.error.code]).toEqual([401, 'unauthenticated']);
    const wrongKey = gzipSync(
      Buffer.concat([
        Buffer.from(`{"dsn":"http://${'0'.repeat(32)}@localhost:4000/${key.projectId}"}\n`),
        Buffer.alloc(25 * 1024 * 1024, 0x20),
      ]),
    );
    const unknown = await post(wrongKey, { query: false, headers: { 'content-encoding': 'gzip' } });
    expect(unknown.status).toBe(401);
    // A key in the gzipped envelope header is still found, and the event stored.
    const withDsn = gzipSync(
      buildEnvelope({ dsn: `http://${key.publicKey}@localhost:4000/${key.projectId}` }, [
        eventItem(buildNodeMessageEvent({ event_id: hex() })),
      ]),
    );
    const ok = await post(withDsn, { query: false, headers: { 'content-encoding': 'gzip' } });
    expect(ok.status).toBe(200);
  });

  it('answers 429 with Retry-After and X-Sentry-Rate-Limits over quota, but lets sessions through', async () => {
    const limited = await newKey('SHOP', { rateLimitPerMinute: 2 });
    const send = () =>
      post(buildEnvelope({}, [eventItem(buildNodeMessageEvent({ event_id: hex() }))]), {
        k: limited,
        headers: { origin: 'https://shop.example.com' },
      });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const over = await send();
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.headers['x-sentry-rate-limits']).toMatch(
      /^\d+:error;default;security;transaction;span;attachment;replay;feedback:key$/,
    );
    expect(over.headers['access-control-expose-headers']).toContain('x-sentry-rate-limits');
    const session = await post(
      buildEnvelope({}, [
        {
          header: { type: 'session' },
          payload: { sid: hex(), init: true, started: new Date().toISOString(), attrs: { release: 'x@1' } },
        },
      ]),
      { k: limited },
    );
    expect(session.status).toBe(200);
  });

  it('answers CORS preflights for both endpoints', async () => {
    for (const path of ['envelope', 'store']) {
      const r = await h.req({
        method: 'OPTIONS',
        url: `/api/${key.projectId}/${path}/`,
        headers: {
          origin: 'https://shop.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-sentry-auth',
        },
      });
      expect(r.status).toBe(204);
      expect(r.headers).toMatchObject({
        'access-control-allow-origin': 'https://shop.example.com',
        'access-control-allow-methods': 'POST, OPTIONS',
      });
      expect(String(r.headers['access-control-allow-headers'])).toContain('x-sentry-auth');
    }
  });

  it('accepts the legacy store endpoint, JSON and raven base64+deflate', async () => {
    const event = buildNodeMessageEvent({ event_id: hex() });
    const r = await post(JSON.stringify(event), { path: 'store' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: event.event_id });
    const raven = buildNodeMessageEvent({ event_id: hex() });
    const old = await post(deflateSync(JSON.stringify(raven)).toString('base64'), {
      path: 'store',
      query: false,
      headers: { 'x-sentry-auth': `Sentry sentry_key=${key.publicKey}, sentry_version=5` },
    });
    expect(old.body).toEqual({ id: raven.event_id });
    expect((await post('{"nope', { path: 'store' })).status).toBe(400);
    expect((await post(JSON.stringify(event), { path: 'store', query: false })).status).toBe(401);
  });
});
