import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyFixes } from '../../server/src/commands/fix-verification.ts';
import { openSignedIn, pickProperty, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

/**
 * Verified fixes in the app: a machine-found issue closed as fixed "in release …" shows that it
 * awaits verification in that release; after the release's traffic, the worker's pass verifies it
 * and the page shows the evidence.
 */
let s: SignedIn | null;
let server: Running;
let page: Page;

describe('fix verification: close with a release, then verified with its evidence', () => {
  beforeAll(async () => {
    s = await openSignedIn('demo@closeloop.dev', { context: { viewport: { width: 1440, height: 900 } } });
    if (!s) return;
    ({ server, page } = s);
    const r = await s.call('POST', '/projects', { key: 'FXV', name: 'Fix verification' });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  }, 180_000);
  afterAll(async () => {
    await s?.close();
  });

  it('closes a machine-found issue as fixed in a release and shows the verdict on the page', async ({
    skip,
  }) => {
    if (!s) return skip();
    const key = (await s.call('POST', '/projects/FXV/ingest-keys', {})).body;
    const send = async (release: string, message: string, n: number) => {
      const events = Array.from({ length: n }, () => ({
        event_id: randomBytes(16).toString('hex'),
        type: 'message',
        timestamp: Date.now(),
        message: { formatted: message },
        release,
      }));
      const r = await page.request.post(`${server.url}/api/ingest/v1/events?key=${key.publicKey}`, {
        data: { v: 1, events },
      });
      expect(r.status(), await r.text()).toBeLessThan(300);
      await server.svc.ingest.worker.drain();
    };
    const projectId = String(key.dsn).split('/').pop();
    const sessions = async (release: string, exited: number) => {
      const envelope = [
        JSON.stringify({}),
        JSON.stringify({ type: 'sessions' }),
        JSON.stringify({
          attrs: { release, environment: 'production' },
          aggregates: [{ started: new Date().toISOString(), exited }],
        }),
      ].join('\n');
      const r = await page.request.post(
        `${server.url}/api/${projectId}/envelope/?sentry_key=${key.publicKey}&sentry_version=7`,
        { headers: { 'content-type': 'text/plain;charset=UTF-8' }, data: envelope },
      );
      expect(r.status(), await r.text()).toBe(200);
    };
    await send('fxv@1.0.0', 'Stock count goes negative', 6);
    await sessions('fxv@1.0.0', 60);
    const list = await s.call('GET', '/issues?project=FXV&kind=error&limit=10');
    const broken = list.body.items.find((i: { title: string }) => i.title.includes('Stock count'));

    await page.goto(`${server.url}/issue/${broken.key}`);
    await pickProperty(page, 'Status', 'Done');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Fixed', { exact: true }).selectOption('in_release');
    await dialog.getByLabel('Release', { exact: true }).fill('fxv@1.1.0');
    await dialog.getByRole('button', { name: 'Close issue' }).click();
    const panel = page.getByRole('region', { name: 'Fix verification' });
    await panel.getByText('Awaiting verification in fxv@1.1.0 (not seen yet)').waitFor();

    // The release ships (another issue's event shows it) with 250 sessions and no more of this one.
    await send('fxv@1.1.0', 'Unrelated tooltip warning', 1);
    await sessions('fxv@1.1.0', 250);
    // The recurring job's pass, run now rather than after its interval.
    await verifyFixes(server.svc, Date.now());

    await page.reload();
    await panel.getByText('Verified in fxv@1.1.0').waitFor();
    expect(
      await panel
        .getByText('Fixed: events per session 0.10 → 0.00 over 250 sessions on fxv@1.1.0 or later')
        .count(),
    ).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'fix-verified.png') });

    // The releases page: the release's adoption (sessions per day, charted) and the verified fix in it.
    await page.goto(`${server.url}/releases?project=FXV`);
    const release = page.getByRole('region', { name: 'Release fxv@1.1.0' });
    const adoption = release.getByRole('region', { name: 'Adoption' });
    await adoption.getByText('Adoption (250 sessions in the last 30 days)').waitFor();
    await adoption
      .getByRole('img', { name: 'Sessions per day on fxv@1.1.0: 250 in the last 30 days' })
      .waitFor();
    expect(await adoption.locator('canvas').count()).toBe(1);
    const fixes = release.getByRole('region', { name: 'Fixed in this release' });
    await fixes.getByText(broken.key).waitFor();
    expect(await fixes.getByText('Verified', { exact: true }).count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'release-adoption.png') });
  }, 120_000);
});
