import { gunzipSync } from 'node:zlib';
import { ingestEventSchema } from '@closeloop/shared/ingest/event';
import { describe, expect, it } from 'vitest';
import { Client } from './client.ts';
import type { NodeOptions } from './options.ts';
import { requestData, scrubUrl } from './request-data.ts';
import type { NodeEvent } from './types.ts';

/** A client whose network is a list: what would have been sent. */
function client(opts: NodeOptions = {}) {
  const sent: NodeEvent[] = [];
  const c = new Client({
    dsn: 'http://k@ingest.test/1',
    release: 'api@1.2.3',
    environment: 'staging',
    serverName: 'web-1',
    ...opts,
    send: async (body) => {
      sent.push(...JSON.parse(gunzipSync(body).toString('utf8')).events);
      return { status: 202 };
    },
  });
  return { c, sent };
}

describe('event building', () => {
  it('builds a contract-valid error event with frames, scope and per-call context', async () => {
    const { c, sent } = client();
    c.setTag('region', 'eu');
    c.setUser({ id: 'u1' });
    c.addBreadcrumb({ message: 'loaded cart' });
    const id = c.captureException(new TypeError('bad price'), {
      tags: { area: 'cart' },
      extra: { n: 1n },
      fingerprint: ['cart'],
    });
    expect(await c.flush(1_000)).toBe(true);
    const e = sent[0]!;
    expect(e.event_id).toBe(id);
    expect(ingestEventSchema.safeParse(e).success).toBe(true);
    expect(e).toMatchObject({
      type: 'error',
      platform: 'node',
      level: 'error',
      release: 'api@1.2.3',
      environment: 'staging',
      user: { id: 'u1' },
      tags: { region: 'eu', area: 'cart', server_name: 'web-1' },
      extra: { n: '1n' },
      fingerprint: ['cart'],
      exception: { type: 'TypeError', value: 'bad price', mechanism: { type: 'generic', handled: true } },
      sdk: { name: 'closeloop-node' },
    });
    expect(e.breadcrumbs?.[0]?.message).toBe('loaded cart');
    expect(e.exception?.frames.length).toBeGreaterThan(0);
    expect(e.contexts?.runtime?.name).toBe('node');
  });

  it('captures messages with their level, and non-Error throws as messages of an Error', async () => {
    const { c, sent } = client();
    c.captureMessage('disk almost full', 'warning');
    c.captureException({ code: 42 });
    c.captureException('plain string');
    await c.flush(1_000);
    expect(sent[0]).toMatchObject({
      type: 'message',
      level: 'warning',
      message: { formatted: 'disk almost full' },
    });
    expect(sent[1]?.exception).toMatchObject({
      type: 'Error',
      value: 'Non-Error exception captured with keys: code',
    });
    expect(sent[2]?.exception?.value).toBe('plain string');
    for (const e of sent) expect(ingestEventSchema.safeParse(e).success).toBe(true);
  });

  it('sends the same error object once', async () => {
    const { c, sent } = client();
    const err = new Error('twice');
    c.captureException(err);
    c.captureException(err);
    await c.flush(1_000);
    expect(sent).toHaveLength(1);
  });

  it('lets beforeSend change or drop events, and drops them when it throws', async () => {
    const { c, sent } = client({
      beforeSend: (e) => {
        if (e.message?.formatted === 'drop') return null;
        if (e.message?.formatted === 'throw') throw new Error('oops');
        return { ...e, tags: { ...e.tags, seen: 'yes' } };
      },
    });
    c.captureMessage('keep');
    c.captureMessage('drop');
    c.captureMessage('throw');
    await c.flush(1_000);
    expect(sent.map((e) => e.message?.formatted)).toEqual(['keep']);
    expect(sent[0]?.tags?.seen).toBe('yes');
  });

  it('samples: sampleRate 0 sends nothing', async () => {
    const { c, sent } = client({ sampleRate: 0 });
    expect(c.captureMessage('x')).toBeUndefined();
    await c.flush(100);
    expect(sent).toHaveLength(0);
  });

  it('is a silent no-op without a valid DSN', async () => {
    const c = new Client({ dsn: 'not a dsn' });
    expect(c.enabled).toBe(false);
    expect(c.captureException(new Error('x'))).toBeUndefined();
    expect(await c.flush(10)).toBe(true);
  });

  it('keeps request scopes apart: data set in one request stays out of another and of the global scope', async () => {
    const { c, sent } = client();
    const req = (path: string) => requestData({ method: 'get', url: path, headers: { host: 'api.test' } });
    await Promise.all([
      c.withScope(async () => {
        c.setUser({ id: 'alice' });
        await new Promise((r) => setTimeout(r, 5));
        c.captureMessage('a');
      }, req('/a')),
      c.withScope(async () => {
        c.setUser({ id: 'bob' });
        c.captureMessage('b');
      }, req('/b')),
    ]);
    c.captureMessage('outside');
    await c.flush(1_000);
    const by = Object.fromEntries(sent.map((e) => [e.message?.formatted, e]));
    expect(by.a).toMatchObject({ user: { id: 'alice' }, url: 'http://api.test/a' });
    expect(by.b).toMatchObject({ user: { id: 'bob' }, url: 'http://api.test/b' });
    expect(by.outside?.user).toBeUndefined();
    expect(by.outside?.request).toBeUndefined();
  });

  it('bounds breadcrumbs to maxBreadcrumbs, keeping the latest', async () => {
    const { c, sent } = client({ maxBreadcrumbs: 3 });
    for (let i = 0; i < 10; i++) c.addBreadcrumb({ message: `c${i}` });
    c.captureMessage('m');
    await c.flush(1_000);
    expect(sent[0]?.breadcrumbs?.map((b) => b.message)).toEqual(['c7', 'c8', 'c9']);
  });
});

describe('request data', () => {
  it('drops credentials headers and filters secret query values', () => {
    const r = requestData(
      {
        method: 'post',
        url: '/login?next=/home&token=abc&api_key=k',
        headers: { host: 'shop.test', cookie: 'sid=1', authorization: 'Bearer x', 'user-agent': 'curl' },
      },
      '/login',
    );
    expect(r).toEqual({
      method: 'POST',
      url: 'http://shop.test/login?next=%2Fhome&token=%5BFiltered%5D&api_key=%5BFiltered%5D',
      route: '/login',
      headers: { host: 'shop.test', 'user-agent': 'curl' },
    });
    expect(scrubUrl('https://u:p@h.test/x')).toBe('https://h.test/x');
  });
});
