import { beforeAll, expect, it } from 'vitest';
import { gatherEvidence } from '../store/severity-evidence-store.ts';
import { useHarness } from '../test/api-client.ts';
import { describeEachDialect } from '../test/dialects.ts';
import { ingestRequest, newEventId } from '../test/ingest-requests.ts';

/**
 * Issue 10 §6: a rage/dead click followed within 5 s by an error or failed request of the same
 * session is evidence on that failure's issue, whatever order the worker reads them in; other
 * clicks wait out FRUSTRATION_HOLD_MS (15 s by default) and then become frustration issues.
 */
describeEachDialect('frustration joins what caused it', (dialect) => {
  let now = Date.now();
  const h = useHarness(dialect, { clock: () => now });
  let publicKey = '';
  const T = Date.now() - 60_000; // client times of the clicks, a minute ago

  beforeAll(async () => {
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'FRU', name: 'Fru' },
    });
    const r = await h.req({
      method: 'POST',
      url: '/api/v1/projects/FRU/ingest-keys',
      as: h.owner,
      payload: { name: 'web' },
    });
    expect(r.status).toBe(201);
    publicKey = r.body.publicKey;
  });

  const send = async (events: unknown[]) => {
    const r = await h.req(ingestRequest(publicKey, events));
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    await h.svc.ingest.worker.drain();
  };
  const rage = (session: string | undefined, selector: string, at: number, text?: string) => ({
    event_id: newEventId(),
    type: 'rage_click',
    timestamp: at + 1_900,
    ...(session ? { session_id: session } : {}),
    url: 'https://shop.test/checkout',
    route: '/checkout',
    click: { selector, count: 4, started_at: at, ended_at: at + 850, ...(text ? { text } : {}) },
  });
  const dead = (session: string, selector: string, at: number) => ({
    event_id: newEventId(),
    type: 'dead_click',
    timestamp: at + 1_100,
    session_id: session,
    url: 'https://shop.test/cart',
    route: '/cart',
    click: { selector, started_at: at, ended_at: at },
  });
  const error = (session: string, message: string, at: number) => ({
    event_id: newEventId(),
    type: 'message',
    level: 'error',
    timestamp: at,
    session_id: session,
    url: 'https://shop.test/checkout',
    message: { formatted: message },
  });
  const failedRequest = (session: string, path: string, at: number) => ({
    event_id: newEventId(),
    type: 'network',
    timestamp: at,
    session_id: session,
    url: 'https://shop.test/cart',
    request: { url: `https://api.shop.test${path}`, method: 'POST', status: 500, duration_ms: 80 },
  });
  const issues = async (kind: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues?project=FRU&kind=${kind}&limit=100`, as: h.owner }))
      .body.items as { id: number; key: string; title: string }[];
  const issueTitled = async (kind: string, part: string) =>
    (await issues(kind)).find((i) => i.title.includes(part));
  const monitoring = async (key: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues/${key}/monitoring`, as: h.owner })).body as {
      eventCount: number;
      frustrationBefore: {
        summary: string[];
        items: { sessionId: string; type: string; selector: string; clickedAt: string; hasReplay: boolean }[];
      };
    };
  const holds = async () =>
    Number(
      (
        await h.svc.store.db
          .selectFrom('frustration_holds')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Moves the worker's clock past every hold and lets it release what is due. */
  const holdsEnd = async () => {
    now = Date.now() + 60_000;
    await h.svc.ingest.worker.drain();
  };

  it('attaches a rage click to the error that followed it in the same batch, with no issue of its own', async () => {
    await send([
      rage('s-same', 'button#pay', T, 'Pay now'),
      error('s-same', 'Payment widget crashed', T + 300),
    ]);
    const err = (await issueTitled('error', 'Payment widget crashed'))!;
    expect(err).toBeDefined();
    const m = await monitoring(err.key);
    expect(m.eventCount).toBe(1);
    expect(m.frustrationBefore.summary).toEqual([
      '1 rage click on "Pay now" (button#pay) just before this error',
    ]);
    expect(m.frustrationBefore.items).toMatchObject([
      { sessionId: 's-same', type: 'rage_click', selector: 'button#pay', hasReplay: false },
    ]);
    expect(m.frustrationBefore.items[0]!.clickedAt).toBe(new Date(T).toISOString());
    await holdsEnd();
    expect(await issueTitled('frustration', 'button#pay')).toBeUndefined();
    // Evidence counts as frustration in the error's severity score.
    const evidence = await gatherEvidence(h.svc.store, err.id, Date.now());
    expect(evidence?.frustratedSessions).toBe(1);
  });

  it('attaches a click that arrives after its failure (the failure is remembered)', async () => {
    await send([failedRequest('s-late', '/cart/gift', T + 500)]);
    await send([dead('s-late', 'button#gift', T)]);
    expect(await holds()).toBe(0); // joined at once, never held
    const net = (await issueTitled('network', '/cart/gift'))!;
    expect((await monitoring(net.key)).frustrationBefore.summary).toEqual([
      '1 dead click on button#gift just before this failed request',
    ]);
    await holdsEnd();
    expect(await issueTitled('frustration', 'button#gift')).toBeUndefined();
  });

  it('holds a click that arrives before its failure; the failure claims it when it comes', async () => {
    now = Date.now();
    await send([dead('s-held', 'button#coupon', T)]);
    expect(await holds()).toBe(1);
    expect(await issueTitled('frustration', 'button#coupon')).toBeUndefined();
    await send([failedRequest('s-held', '/cart/coupon', T + 4_000)]);
    expect(await holds()).toBe(0);
    const net = (await issueTitled('network', '/cart/coupon'))!;
    const m = await monitoring(net.key);
    expect(m.frustrationBefore.summary).toEqual([
      '1 dead click on button#coupon just before this failed request',
    ]);
    await holdsEnd();
    expect(await issueTitled('frustration', 'button#coupon')).toBeUndefined();
  });

  it('opens a frustration issue, per element and route, once the hold ends with no failure in the window', async () => {
    now = Date.now();
    // s-free: an error 6 s after the burst's last click is too late to be what it ran into.
    await send([
      rage('s-free', 'button#apply', T),
      error('s-free', 'Unrelated later error', T + 850 + 6_000),
    ]);
    await send([rage('s-other', 'button#apply', T)]);
    // Another session's failure right after the click is not this click's cause.
    await send([error('s-unrelated', 'Other session error', T + 100)]);
    expect(await holds()).toBe(2);
    expect(await issueTitled('frustration', 'button#apply')).toBeUndefined();
    await holdsEnd();
    expect(await holds()).toBe(0);
    const fru = (await issueTitled('frustration', 'button#apply'))!;
    expect(fru.title).toBe('Rage or dead clicks on button#apply at /checkout');
    expect((await monitoring(fru.key)).eventCount).toBe(2);
    const later = (await issueTitled('error', 'Unrelated later error'))!;
    expect((await monitoring(later.key)).frustrationBefore.summary).toEqual([]);
  });

  it('opens clicks without a session at once: there is nothing to join them with', async () => {
    now = Date.now();
    await send([rage(undefined, 'button#nosession', T)]);
    expect(await holds()).toBe(0);
    expect(await issueTitled('frustration', 'button#nosession')).toBeDefined();
  });

  it('sums the evidence per click type and element across sessions', async () => {
    now = Date.now();
    await send([
      rage('s-a', 'button#checkout', T, 'Checkout'),
      error('s-a', 'Checkout exploded', T + 200),
      rage('s-b', 'button#checkout', T + 10_000, 'Checkout'),
      error('s-b', 'Checkout exploded', T + 10_100),
      dead('s-b', 'a#help', T + 9_000),
    ]);
    const err = (await issueTitled('error', 'Checkout exploded'))!;
    expect((await monitoring(err.key)).frustrationBefore.summary).toEqual([
      '2 rage clicks on "Checkout" (button#checkout) just before this error, in 2 sessions',
      '1 dead click on a#help just before this error',
    ]);
  });
});
