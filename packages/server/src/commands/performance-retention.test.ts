import { beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { addHourly, addSessionHours, addSessionPages } from '../store/performance-store.ts';
import { useHarness } from '../test/api-client.ts';
import { describeEachDialect } from '../test/dialects.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1, 12);

describeEachDialect('performance retention', (dialect) => {
  let now = T0;
  const h = useHarness(dialect, { clock: () => now, env: { PERFORMANCE_RETENTION_DAYS: '10' } });
  let projectId = 0;

  beforeAll(async () => {
    const r = await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'PERF', name: 'Perf' },
    });
    projectId = r.body.id;
    const hours = [T0 - 12 * DAY, T0 - 10 * DAY - HOUR, T0 - 10 * DAY, T0 - 2 * DAY, T0];
    for (const hour of hours) {
      const key = { projectId, metric: 'lcp', target: '/checkout', hour, release: 'r1', browser: 'chrome' };
      await addHourly(h.svc.store, [{ key, hist: { 10: 3 }, count: 3 }]);
      await addSessionHours(h.svc.store, [
        {
          projectId,
          metric: 'lcp',
          target: '/checkout',
          hour,
          sessionId: `s${hour}`,
          userKey: null,
          value: 5,
        },
      ]);
      await addSessionPages(h.svc.store, [
        { projectId, sessionId: `s${hour}`, path: '/checkout', at: hour + 60_000 },
      ]);
    }
  });

  const hoursLeft = async () => {
    const db = h.svc.store.db;
    const hourly = await db
      .selectFrom('perf_hourly')
      .select('hour')
      .where('project_id', '=', projectId)
      .execute();
    const sessions = await db
      .selectFrom('perf_session_hours')
      .select('hour')
      .where('project_id', '=', projectId)
      .execute();
    const pages = await db
      .selectFrom('session_pages')
      .select('first_at')
      .where('project_id', '=', projectId)
      .execute();
    return {
      hourly: hourly.map((r) => (Number(r.hour) - T0) / HOUR).sort((a, b) => a - b),
      sessions: sessions.map((r) => (Number(r.hour) - T0) / HOUR).sort((a, b) => a - b),
      pages: pages.length,
    };
  };

  it('deletes hourly, per-session and flow rows past the configured retention on the recurring job, whole hours only', async () => {
    expect(h.svc.jobs.knows('performance.prune')).toBe(true);
    now = T0 + 30 * 60_000; // half past: the cutoff is the start of the hour, 10 days back
    await h.svc.jobs.runDue();
    expect(await hoursLeft()).toEqual({ hourly: [-240, -48, 0], sessions: [-240, -48, 0], pages: 3 });

    // An hour later the job runs again (hourly) and the hour exactly 10 days back goes too.
    now = T0 + HOUR + 30 * 60_000;
    await h.svc.jobs.runDue();
    expect(await hoursLeft()).toEqual({ hourly: [-48, 0], sessions: [-48, 0], pages: 2 });
  });

  it('refuses a retention shorter than the 7-day baseline plus the day judged', () => {
    expect(() => loadConfig({ PERFORMANCE_RETENTION_DAYS: '7' })).toThrow(/PERFORMANCE_RETENTION_DAYS/);
    expect(loadConfig({}).PERFORMANCE_RETENTION_DAYS).toBe(35);
    expect(loadConfig({ PERFORMANCE_RETENTION_DAYS: '8' }).PERFORMANCE_RETENTION_DAYS).toBe(8);
  });
});
