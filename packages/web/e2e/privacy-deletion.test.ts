import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, SCREENSHOTS, type SignedIn } from './harness.ts';
import { findInStoredBytes } from './stored-bytes.ts';

/**
 * Issue 15 (privacy) in the app: an admin deletes an end user's data from Settings → Privacy, and
 * afterwards neither a table cell nor the database files (SQLite and its WAL, byte for byte) hold
 * their id, email or session.
 */
let s: SignedIn | null;
const RITA = { id: 'u-rita-e2e-4410', email: 'rita.e2e@example.com', session: 'sess-rita-e2e-7720' };

describe('privacy deletion in the app', () => {
  beforeAll(async () => {
    s = await openSignedIn('demo@closeloop.dev');
  }, 120_000);
  afterAll(() => s?.close());

  it('an admin deletes an end user’s events by user id and sees what went', async ({ skip }) => {
    if (!s) return skip();
    expect((await s.call('POST', '/projects', { key: 'PRIV', name: 'Privacy shop' })).status).toBe(201);
    const key = (await s.call('POST', '/projects/PRIV/ingest-keys', { name: 'web' })).body
      .publicKey as string;
    const events = ['PayError', 'CartError'].map((type, i) => ({
      event_id: `${'ab'.repeat(15)}0${i}`,
      type: 'error',
      timestamp: Date.now(),
      platform: 'browser',
      user: { id: RITA.id, email: RITA.email },
      session_id: RITA.session,
      exception: {
        type,
        value: 'failed',
        frames: [{ function: 'pay', filename: 'https://shop.test/a.js', in_app: true }],
      },
    }));
    const sent = await fetch(`${s.server.url}/api/ingest/v1/events?key=${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, events }),
    });
    expect(sent.status).toBe(202);
    await s.server.svc.ingest.worker.drain();
    const needles = [RITA.id, RITA.email, RITA.session];
    const before = await findInStoredBytes(s.server.svc, s.server.dataDir, needles);
    expect(before.get(RITA.id)!.length).toBeGreaterThan(0);

    const page = s.page;
    await page.goto(`${s.server.url}/settings/privacy`);
    const form = page.getByRole('form', { name: 'Delete an end user’s data' });
    await form.getByLabel('Project').selectOption('PRIV');
    await form.getByLabel('User id or email').fill(RITA.id);
    page.once('dialog', (d) => d.accept());
    await form.getByRole('button', { name: 'Delete their data' }).click();
    await expect
      .poll(() => page.locator('output').textContent(), { timeout: 15_000 })
      .toContain(`Deleted for ${RITA.id}: 2 events`);
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-privacy-deleted.png') });

    const after = await findInStoredBytes(s.server.svc, s.server.dataDir, needles);
    // Neither a table cell nor the database files byte for byte (the SQLite file and its WAL).
    for (const n of needles) expect(after.get(n), n).toEqual([]);
    const log = await s.call('GET', '/audit-log');
    expect(log.body.items.map((e: { action: string }) => e.action)).toContain('end_user.data_deleted');
  }, 120_000);
});
