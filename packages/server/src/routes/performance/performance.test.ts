import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { calendarOnly } from '../../test/calendars.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { hourEvents, type TrafficHour } from '../../test/perf-traffic.ts';

/** 10–16 Nov 2026, local hours 10:00–14:00 in New York (EST, UTC−5): UTC 15:00–19:00. */
function week(slowNoonFromDay: number, sessions = 10): TrafficHour[] {
  const out: TrafficHour[] = [];
  for (let day = 0; day < 7; day++) {
    for (let local = 10; local <= 14; local++) {
      const hour = Date.UTC(2026, 10, 10 + day, local + 5);
      const slow = local === 12 && day >= slowNoonFromDay;
      out.push({ hour, sessions, checkoutMs: slow ? 4000 : 300, abandon: slow ? 0.7 : 0.1 });
    }
  }
  return out;
}

const settings = {
  timeZone: 'America/New_York',
  thresholds: {},
  factor: 2,
  minSamples: 8,
  routePatterns: [],
  flows: [{ name: 'Checkout', steps: ['/cart', '/checkout', '/order/:id'] }],
};

describeEachDialect('performance data and issues', (dialect) => {
  const h = useHarness(dialect);
  let publicKey: string;

  beforeAll(async () => {
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
    publicKey = r.body.publicKey;
  });

  async function send(hours: TrafficHour[], ingestKey = publicKey) {
    const key = await h.svc.ingest.gate.resolveKey(ingestKey);
    const events = hours.flatMap(hourEvents);
    for (let i = 0; i < events.length; i += 1000)
      await h.svc.ingest.gate.accept(key, events.slice(i, i + 1000));
    await h.svc.ingest.worker.drain();
  }

  it('rejects an unknown time zone and keeps the settings', async () => {
    const bad = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/SHOP/performance-settings',
      as: h.owner,
      payload: { ...settings, timeZone: 'Mars/Olympus' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('timeZone');
    const ok = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/SHOP/performance-settings',
      as: h.owner,
      payload: settings,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.timeZone).toBe('America/New_York');
    // One zone per project: the performance settings set the business calendar's.
    const sla = await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/sla', as: h.owner });
    expect(sla.body.calendar.timeZone).toBe('America/New_York');
  });

  it('finds a recurring noon slowdown of the checkout, with its window, days, baseline and abandonment', async () => {
    await send(week(2));
    const list = await h.req({ method: 'GET', url: '/api/v1/issues?q=kind:performance', as: h.owner });
    expect(list.status).toBe(200);
    const found = list.body.items ?? list.body.issues ?? list.body;
    expect(found).toHaveLength(1);
    const issue = found[0];
    expect(issue.title).toBe('Slow POST /api/checkout between 12:00 and 13:00 America/New_York');

    const m = await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}/monitoring`, as: h.owner });
    expect(m.status).toBe(200);
    expect(m.body.performance).toMatchObject({
      metric: 'api',
      target: 'POST /api/checkout',
      window: { from: '12:00', to: '13:00' },
      timeZone: 'America/New_York',
      slowDays: 5,
      days: 7,
    });
    expect(m.body.performance.baseline).toBeGreaterThan(250);
    expect(m.body.performance.baseline).toBeLessThan(400);
    expect(m.body.performance.p75).toBeGreaterThan(4000);
    expect(m.body.performance.description).toMatch(
      /^p75 of POST \/api\/checkout is 4\.\d s between 12:00 and 13:00 America\/New_York on 5 of the last 7 days; baseline 3\d\d ms/,
    );
    // Every session of the five slow noons, and only those.
    expect(m.body.sessionCount).toBe(50);
    const flow = m.body.flows[0];
    expect(flow.affected).toMatchObject({ entered: 50, completed: 15 });
    expect(flow.affected.abandonment).toBeCloseTo(0.7);
    expect(flow.unaffected.abandonment).toBeCloseTo(0.1);
  });

  it('reports p50/p75/p95 per endpoint and route, by release and browser', async () => {
    const r = await h.req({
      method: 'GET',
      url: '/api/v1/projects/SHOP/performance?hours=2160&metric=api',
      as: h.owner,
    });
    expect(r.status).toBe(200);
    const checkout = r.body.targets.find((t: { target: string }) => t.target === 'POST /api/checkout');
    expect(checkout.count).toBe(350);
    expect(checkout.p50).toBeGreaterThan(280);
    expect(checkout.p50).toBeLessThan(380);
    expect(checkout.p95).toBeGreaterThan(4000);
    expect(checkout.byBrowser.map((b: { value: string }) => b.value).sort()).toEqual(['Chrome', 'Firefox']);
    expect(checkout.hourly).toHaveLength(35);
    const pages = await h.req({
      method: 'GET',
      url: '/api/v1/projects/SHOP/performance?hours=2160',
      as: h.owner,
    });
    expect(
      pages.body.targets.map((t: { metric: string; target: string }) => `${t.metric} ${t.target}`),
    ).toEqual(expect.arrayContaining(['LCP /cart', 'load /cart', 'api POST /api/checkout']));
  });

  it('judges slowdowns in the project’s business calendar zone, set only in the SLA editor', async () => {
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'CAL', name: 'Cal' },
    });
    const cal = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/CAL/sla',
      as: h.owner,
      payload: calendarOnly('America/New_York', true),
    });
    expect(cal.status, JSON.stringify(cal.body)).toBe(200);
    const settingsNow = await h.req({
      method: 'GET',
      url: '/api/v1/projects/CAL/performance-settings',
      as: h.owner,
    });
    expect(settingsNow.body.timeZone).toBe('America/New_York');
    const k = await h.req({
      method: 'POST',
      url: '/api/v1/projects/CAL/ingest-keys',
      as: h.owner,
      payload: { name: 'web' },
    });
    // Default settings need 20 samples an hour.
    await send(week(2, 25), k.body.publicKey);
    const list = await h.req({
      method: 'GET',
      url: '/api/v1/issues?project=CAL&q=kind:performance',
      as: h.owner,
    });
    const found = list.body.items as { title: string }[];
    expect(found.map((i) => i.title)).toContain(
      'Slow POST /api/checkout between 12:00 and 13:00 America/New_York',
    );
  });
});
