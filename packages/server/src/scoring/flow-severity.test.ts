import { randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../test/api-client.ts';
import { describeEachDialect } from '../test/dialects.ts';
import { rescoreStale } from './rescore.ts';

const eventId = () => randomBytes(16).toString('hex');
const page = (session: string, path: string, at: number) => ({
  event_id: eventId(),
  type: 'page_load',
  timestamp: at,
  platform: 'browser',
  session_id: session,
  user: { id: session },
  url: `https://shop.test${path}`,
  route: path,
});

describeEachDialect('severity reads the abandonment of a defined flow', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;

  beforeAll(async () => {
    member = await h.invite('member');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'SHOP', name: 'Shop' },
    });
  });

  it('scores an error by how much more its sessions abandoned the flow than the others', async () => {
    const settings = await h.req({
      method: 'GET',
      url: '/api/v1/projects/SHOP/performance-settings',
      as: h.owner,
    });
    const put = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/SHOP/performance-settings',
      as: h.owner,
      payload: { ...settings.body, flows: [{ name: 'checkout', steps: ['/cart', '/checkout'] }] },
    });
    expect(put.status).toBe(200);
    const key = (
      await h.req({
        method: 'POST',
        url: '/api/v1/projects/SHOP/ingest-keys',
        as: h.owner,
        payload: { name: 'w' },
      })
    ).body.publicKey;
    const t = Date.now() - 60_000;
    const events = [
      // Eight sessions go from the cart to the checkout; four hit the error on the cart and leave.
      ...Array.from({ length: 8 }, (_, i) => [
        page(`ok${i}`, '/cart', t),
        page(`ok${i}`, '/checkout', t + 1000),
      ]).flat(),
      ...Array.from({ length: 4 }, (_, i) => [
        page(`bad${i}`, '/cart', t),
        {
          ...page(`bad${i}`, '/cart', t + 500),
          type: 'error',
          level: 'error',
          exception: {
            type: 'TypeError',
            value: 'coupon is null',
            frames: [
              {
                function: 'applyCoupon',
                filename: 'https://shop.test/cart.js',
                lineno: 1,
                colno: 1,
                in_app: true,
              },
            ],
          },
        },
      ]).flat(),
    ];
    const r = await h.req({
      method: 'POST',
      url: `/api/ingest/v1/events?key=${key}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ v: 1, events }),
    });
    expect(r.status).toBe(202);
    await h.svc.ingest.worker.drain();
    await rescoreStale(h.svc.store, Date.now());
    const issues = (await h.req({ method: 'GET', url: '/api/v1/issues?project=SHOP&kind=error', as: member }))
      .body.items;
    expect(issues).toHaveLength(1);
    const sev = (await h.req({ method: 'GET', url: `/api/v1/issues/${issues[0].key}/severity`, as: member }))
      .body;
    const flow = sev.signals.find((s: { key: string }) => s.key === 'flow');
    expect(flow).toMatchObject({ reason: '100% abandoned', strength: 1, points: 10 });
    expect(flow.detail).toBe('100% of its sessions abandoned the checkout flow (others: 0%)');
    expect(sev.reasons).toContain('100% abandoned');
  });
});
