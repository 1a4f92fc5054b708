import { logPoisonEvent } from '@closeloop/server/test/poison-event';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildWeb, launchChromium, type Running, signIn, startServer } from './harness.ts';

let browser: Browser | null;
let server: Running;
let shop: { id: number; workspace_id: number };

/** A page of its own browser context, signed in as `email`. */
async function openAs(email: string): Promise<Page> {
  const page = await (await browser!.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(page, server.url, email);
  return page;
}

/** An event the running worker fails on alone and sets aside (as the dead-events API test makes one). */
async function logPoison(): Promise<string> {
  const id = await logPoisonEvent(server.svc.store, shop);
  server.svc.ingest.worker.wake();
  return id;
}

const deadRows = () =>
  server.svc.store.db
    .selectFrom('dead_events')
    .select(['event_id', 'attempts'])
    .where('project_id', '=', shop.id)
    .execute();

/** How many events of SHOP's event groups came from a given title (the repaired event's). */
const groupedWithValue = async (value: string) =>
  Number(
    (
      await server.svc.store.db
        .selectFrom('event_groups')
        .select((eb) => eb.fn.sum<number>('event_count').as('n'))
        .where('project_id', '=', shop.id)
        .where('title', 'like', `%${value}%`)
        .executeTakeFirstOrThrow()
    ).n ?? 0,
  );

describe('set-aside events on the project setup page', () => {
  let retried: string;
  let discarded: string;

  beforeAll(async () => {
    browser = await launchChromium();
    if (!browser) return;
    server = await startServer(await buildWeb(), { worker: true });
    shop = await server.svc.store.db
      .selectFrom('projects')
      .select(['id', 'workspace_id'])
      .where('key', '=', 'SHOP')
      .executeTakeFirstOrThrow();
    retried = await logPoison();
    discarded = await logPoison();
    // The running worker fails on each alone and sets it aside.
    await vi.waitFor(
      async () =>
        expect((await deadRows()).map((r) => r.event_id).sort()).toEqual([retried, discarded].sort()),
      { timeout: 30_000, interval: 200 },
    );
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows an admin each set-aside event with its error and the start of the stored event', async ({
    skip,
  }) => {
    if (!browser) return skip();
    const page = await openAs('demo@closeloop.dev');
    await page.goto(`${server.url}/projects/SHOP/setup`);
    const rows = page.getByTestId('dead-event');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    for (const id of [retried, discarded]) {
      const row = page.locator(`[data-testid="dead-event"][data-event-id="${id}"]`);
      expect(await row.getByTestId('dead-event-error').textContent()).toMatch(/TypeError/);
      expect(await row.locator('pre').textContent()).toBe('null');
      expect(await row.textContent()).toMatch(/set aside .* · 2 attempts/);
    }
    await page.context().close();
  });

  it('retries from the page: once its cause is gone the event is grouped once and leaves the list', async ({
    skip,
  }) => {
    if (!browser) return skip();
    // The cause goes away: the stored row is repaired (as a fixed worker would read it).
    const value = `repaired ${retried}`;
    await server.svc.store.db
      .updateTable('raw_events')
      .set({
        payload: JSON.stringify({
          event_id: retried,
          type: 'error',
          timestamp: Date.now(),
          exception: {
            type: 'TypeError',
            value,
            frames: [{ function: 'f', filename: 'a.js', in_app: true }],
          },
        }),
      })
      .where('event_id', '=', retried)
      .execute();
    const page = await openAs('demo@closeloop.dev');
    await page.goto(`${server.url}/projects/SHOP/setup`);
    const row = page.locator(`[data-testid="dead-event"][data-event-id="${retried}"]`);
    await row.getByRole('button', { name: 'Retry' }).click();
    // The page keeps asking while the worker retries; the row goes when the server says it is done.
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0);
    expect((await deadRows()).map((r) => r.event_id)).toEqual([discarded]);
    expect(await groupedWithValue(value)).toBe(1);
    await page.context().close();
  });

  it('discards from the page: the event leaves the list, stays in the raw log and is never grouped', async ({
    skip,
  }) => {
    if (!browser) return skip();
    const page = await openAs('demo@closeloop.dev');
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${server.url}/projects/SHOP/setup`);
    const row = page.locator(`[data-testid="dead-event"][data-event-id="${discarded}"]`);
    await row.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByText('No set-aside events.').count()).toBe(1);
    expect(await deadRows()).toEqual([]);
    const raw = await server.svc.store.db
      .selectFrom('raw_events')
      .select('payload')
      .where('event_id', '=', discarded)
      .executeTakeFirst();
    expect(raw?.payload).toBe('null');
    await page.context().close();
  });

  it('shows a member the setup page without set-aside events', async ({ skip }) => {
    if (!browser) return skip();
    await logPoison();
    await expect.poll(async () => (await deadRows()).length, { timeout: 30_000 }).toBe(1);
    const page = await openAs('priya@closeloop.dev');
    await page.goto(`${server.url}/projects/SHOP/setup`);
    // The page has loaded (an ingest key card only renders from the server's answer, never on
    // an error); the signed-in role is known before any page renders.
    await expect.poll(() => page.getByTestId('ingest-key').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('dead-events').count()).toBe(0);
    expect(await page.getByText('Set-aside events').count()).toBe(0);
    await page.context().close();
  });
});
