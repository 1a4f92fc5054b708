import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyFixes } from '../../server/src/commands/fix-verification.ts';
import { hourEvents, type TrafficHour } from '../../server/src/test/perf-traffic.ts';
import { openSignedIn, pickProperty, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

/**
 * Story 2's performance issue closed after a simulated fixed release (issue 13, "How it is
 * shown"): a week of synthetic checkout traffic slow at noon New York time on pfx@1.0.0 opens the
 * issue; it is closed as fixed in pfx@1.1.0 from the app; a week of pfx@1.1.0 traffic, fast at
 * noon, arrives; the verification pass confirms the fix and the page shows the p75 evidence.
 */
let s: SignedIn | null;
let server: Running;
let page: Page;

function week(release: string, firstDay: number, noonMs: (day: number) => number): TrafficHour[] {
  const out: TrafficHour[] = [];
  for (let day = 0; day < 7; day++)
    for (let local = 10; local <= 14; local++)
      out.push({
        hour: Date.UTC(2026, 10, firstDay + day, local + 5),
        sessions: 10,
        checkoutMs: local === 12 ? noonMs(day) : 300,
        abandon: 0.1,
        release,
      });
  return out;
}

describe('performance fix verification: closed in a release, verified by the p75', () => {
  beforeAll(async () => {
    s = await openSignedIn('demo@closeloop.dev', { context: { viewport: { width: 1440, height: 900 } } });
    if (!s) return;
    ({ server, page } = s);
    const r = await s.call('POST', '/projects', { key: 'PFX', name: 'Perf fix' });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  }, 180_000);
  afterAll(async () => {
    await s?.close();
  });

  it('shows the p75 before and after the fixing release as the evidence on the issue', async ({ skip }) => {
    if (!s) return skip();
    const settings = await s.call('PUT', '/projects/PFX/performance-settings', {
      timeZone: 'America/New_York',
      thresholds: {},
      factor: 2,
      minSamples: 8,
      routePatterns: [],
      flows: [],
    });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    const key = (await s.call('POST', '/projects/PFX/ingest-keys', {})).body;
    const send = async (hours: TrafficHour[]) => {
      const ingestKey = await server.svc.ingest.gate.resolveKey(key.publicKey);
      const events = hours.flatMap(hourEvents);
      for (let i = 0; i < events.length; i += 1000)
        await server.svc.ingest.gate.accept(ingestKey, events.slice(i, i + 1000));
      await server.svc.ingest.worker.drain();
    };
    await send(week('pfx@1.0.0', 10, (d) => (d >= 2 ? 4000 : 300)));
    const list = await s.call('GET', `/issues?q=${encodeURIComponent('kind:performance project:PFX')}`);
    const issue = list.body.items[0];
    expect(issue.title).toBe('Slow POST /api/checkout between 12:00 and 13:00 America/New_York');

    await page.goto(`${server.url}/issue/${issue.key}`);
    await pickProperty(page, 'Status', 'Done');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Fixed', { exact: true }).selectOption('in_release');
    await dialog.getByLabel('Release', { exact: true }).fill('pfx@1.1.0');
    await dialog.getByRole('button', { name: 'Close issue' }).click();
    const panel = page.getByRole('region', { name: 'Fix verification' });
    await panel.getByText('Awaiting verification in pfx@1.1.0 (not seen yet)').waitFor();

    // The fixed release: a week as fast at noon as the rest of the day, and its sessions.
    await send(week('pfx@1.1.0', 20, () => 300));
    const projectId = String(key.dsn).split('/').pop();
    const envelope = [
      JSON.stringify({}),
      JSON.stringify({ type: 'sessions' }),
      JSON.stringify({
        attrs: { release: 'pfx@1.1.0', environment: 'production' },
        aggregates: [{ started: new Date().toISOString(), exited: 250 }],
      }),
    ].join('\n');
    const r = await page.request.post(
      `${server.url}/api/${projectId}/envelope/?sentry_key=${key.publicKey}&sentry_version=7`,
      { headers: { 'content-type': 'text/plain;charset=UTF-8' }, data: envelope },
    );
    expect(r.status(), await r.text()).toBe(200);
    // The recurring job's pass, run now rather than after its interval.
    await verifyFixes(server.svc, Date.now());

    await page.reload();
    await panel.getByText('Verified in pfx@1.1.0').waitFor();
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(
      /Fixed: p75 of POST \/api\/checkout 4\.\d s → 3\d\d ms over [\d,]+ sessions on pfx@1\.1\.0 or later/,
    );
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'performance-fix-verified.png') });
  }, 180_000);
});
