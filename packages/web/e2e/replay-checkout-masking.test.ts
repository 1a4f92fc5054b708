import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningShop, startShop } from '../../../examples/shop/serve.mjs';
import { buildWeb, launchChromium, type Running, SCREENSHOTS, startServer } from './harness.ts';
import { type Call, createShopProject, SHOP_OWNER } from './shop-project.ts';
import { findInStoredBytes } from './stored-bytes.ts';

/**
 * Issue 10, session replay end to end: the example shop with the replay build records a session
 * in real Chromium while a card number and a password are typed into its checkout form. The
 * recording is stored (in the database, and in files with REPLAY_STORE=filesystem) and a raw-byte
 * search of everything the server stored, decompressed, finds neither, while it does find the
 * order number the page showed (so the search reads the recording). Then the web player plays it.
 */
const CARD = '4242424242424242';
const PASSWORD = 'Tr4il-s3cret-Passw0rd';
const NAME = 'Ada Walker';

type RecEvent = { type: number; timestamp: number; data?: Record<string, unknown> };
type SnapshotNode = { id: number; attributes?: Record<string, unknown>; childNodes?: SnapshotNode[] };

const FULL_SNAPSHOT = 2;
const INCREMENTAL = 3;
const INPUT_SOURCE = 5;

/** The rrweb node id of the element with this id attribute, from a full snapshot. */
function nodeIdOf(node: SnapshotNode, id: string): number | undefined {
  if (node.attributes?.id === id) return node.id;
  for (const child of node.childNodes ?? []) {
    const found = nodeIdOf(child, id);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The values rrweb recorded as typed into the element with this id (every full snapshot's node id). */
function typedInto(events: readonly RecEvent[], id: string): string[] {
  const ids = new Set(
    events
      .filter((e) => e.type === FULL_SNAPSHOT)
      .map((e) => nodeIdOf((e.data as { node: SnapshotNode }).node, id))
      .filter((n) => n !== undefined),
  );
  return events
    .filter((e) => e.type === INCREMENTAL && e.data?.source === INPUT_SOURCE && ids.has(e.data.id as number))
    .map((e) => String(e.data?.text ?? ''));
}

describe.each(['database', 'filesystem'] as const)(
  'session replay of the checkout (REPLAY_STORE=%s)',
  (replayStore) => {
    let browser: Browser | null;
    let server: Running;
    let shop: RunningShop;
    let call: Call;
    let sessionId = '';
    let orderNumber = '';

    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      browser = await launchChromium();
      if (!browser) return;
      server = await startServer(await buildWeb(), { seed: false, env: { REPLAY_STORE: replayStore } });
      shop = await startShop({ port: 0, host: '127.0.0.1', replay: 'session' });
      const project = await createShopProject(server, shop.url);
      call = project.call;

      const page: Page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      await page.goto(`${shop.url}/?dsn=${encodeURIComponent(project.dsn)}`);
      await page.locator('.product').first().waitFor();
      await page.getByRole('button', { name: 'Add to cart' }).first().click();
      await page.getByRole('button', { name: 'Checkout' }).click();
      // Typed key by key, as a person would: rrweb sees every input event.
      await page.getByLabel('Name on card').pressSequentially(NAME, { delay: 15 });
      await page.getByLabel('Card number').pressSequentially(CARD, { delay: 15 });
      await page.getByLabel('Expiry').pressSequentially('12/30', { delay: 15 });
      await page.getByLabel('CVC').pressSequentially('123', { delay: 15 });
      await page.getByLabel('Create an account password').pressSequentially(PASSWORD, { delay: 15 });
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.waitForURL(/\/order\/confirmed$/);
      orderNumber = (await page.locator('#order-number').textContent()) ?? '';
      expect(orderNumber).toMatch(/^TH-/);
      await page.screenshot({ path: join(SCREENSHOTS, `replay-01-shop-confirmed-${replayStore}.png`) });
      const flushed = await page.evaluate(() =>
        (window as unknown as { Closeloop: { flush: () => Promise<boolean> } }).Closeloop.flush(),
      );
      expect(flushed).toBe(true);
      await page.close();

      const sessions = await call<{ items: { sessionId: string; chunkCount: number }[] }>(
        'GET',
        '/api/v1/projects/SHOP/sessions',
      );
      expect(sessions.status).toBe(200);
      expect(sessions.body.items).toHaveLength(1);
      expect(sessions.body.items[0]!.chunkCount).toBeGreaterThan(0);
      sessionId = sessions.body.items[0]!.sessionId;
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await shop?.close();
      await server?.close();
    });

    it('records the typing into the checkout form only as masked characters', async ({ skip }) => {
      if (!browser) return skip();
      const rec = await call<RecEvent[]>(
        'GET',
        `/api/v1/projects/SHOP/sessions/${encodeURIComponent(sessionId)}/recording`,
      );
      expect(rec.status).toBe(200);
      // The typing was recorded (so the search below is not trivially empty), as asterisks only.
      const card = typedInto(rec.body, 'card-number');
      expect(card.length).toBeGreaterThan(0);
      expect(card.at(-1)).toBe('*'.repeat(CARD.length));
      const password = typedInto(rec.body, 'account-password');
      expect(password.length).toBeGreaterThan(0);
      expect(password.every((t) => /^\**$/.test(t))).toBe(true);
    });

    it('never stores the typed card number or password, in any table or file, even decompressed', async ({
      skip,
    }) => {
      if (!browser) return skip();
      const found = await findInStoredBytes(server.svc, server.dataDir, [CARD, PASSWORD, orderNumber]);
      expect(found.get(CARD)).toEqual([]);
      expect(found.get(PASSWORD)).toEqual([]);
      // The order number was only ever text on the page: found means the search reads the recording.
      const control = found.get(orderNumber) ?? [];
      expect(control.some((f) => f.decompressed)).toBe(true);
      if (replayStore === 'filesystem') expect(control.some((f) => f.where.endsWith('.gz'))).toBe(true);
      else expect(control.some((f) => f.where === 'replay_chunks.data')).toBe(true);
    });

    it('plays in the web player: the masked form, play, and timeline marks that jump', async ({ skip }) => {
      if (!browser) return skip();
      const app = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await app.goto(`${server.url}/signin`);
      await app.getByLabel('Email').fill(SHOP_OWNER.email);
      await app.getByLabel('Password').fill(SHOP_OWNER.password);
      await app.getByRole('button', { name: 'Sign in' }).click();
      await app.waitForURL(/\/issues/);

      await app.goto(`${server.url}/projects/SHOP/sessions/${encodeURIComponent(sessionId)}`);
      // The replayer's iframe exists only when the recording loaded and plays (not on an error state).
      await app.getByTestId('replay-stage').locator('iframe').waitFor();
      const frame = app.frameLocator('[data-testid="replay-stage"] iframe');
      const slider = app.getByTestId('replay-timeline');
      const position = async () => Number(await slider.getAttribute('aria-valuenow'));

      expect(await position()).toBe(0);

      // The click on "Place order" (Events list): the form as it was, every value masked.
      const events = app.getByRole('region', { name: 'Events' });
      await events
        .getByRole('button', { name: /place-order/ })
        .first()
        .click();
      await expect.poll(position).toBeGreaterThan(0);
      await expect.poll(() => frame.locator('#page-checkout').isVisible()).toBe(true);
      await expect.poll(() => frame.locator('#card-number').inputValue()).toBe('*'.repeat(CARD.length));
      await expect
        .poll(() => frame.locator('#account-password').inputValue())
        .toBe('*'.repeat(PASSWORD.length));
      expect(await frame.locator('body').innerHTML()).not.toContain(CARD);
      await app.screenshot({ path: join(SCREENSHOTS, `replay-02-player-masked-form-${replayStore}.png`) });
      const atPlaceOrder = await position();

      // Play moves on from the click and reaches the confirmation with the order number the shop
      // displayed. (Played from the click, not from the confirmation mark: the recording may end
      // right at that mark, and Play at the end starts again from 0.)
      await app.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(position, { timeout: 30_000 }).toBeGreaterThan(atPlaceOrder);
      await expect
        .poll(
          () =>
            frame
              .locator('#order-number')
              .textContent({ timeout: 1_000 })
              .catch(() => null),
          {
            timeout: 30_000,
          },
        )
        .toBe(orderNumber);
      // Paused (by hand, or at the end the player stops by itself) before jumping around.
      const pause = app.getByRole('button', { name: 'Pause', exact: true });
      await expect
        .poll(async () => {
          if (await pause.isVisible()) await pause.click({ timeout: 1_000 }).catch(() => {});
          return app.getByRole('button', { name: 'Play', exact: true }).isVisible();
        })
        .toBe(true);

      // Back at the click (the checkout page), the navigation mark of the confirmation jumps forward.
      await events
        .getByRole('button', { name: /place-order/ })
        .first()
        .click();
      await expect.poll(() => frame.locator('#page-checkout').isVisible()).toBe(true);
      const confirmed = slider.locator('.mark-navigation[title*="/order/confirmed"]');
      expect(await confirmed.count()).toBeGreaterThan(0);
      await confirmed.first().click();
      await expect.poll(position).toBeGreaterThan(atPlaceOrder);
      // The mark is the moment of the navigation, just before the page rendered: playing on shows it.
      await app.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => frame.locator('#page-confirmed').isVisible(), { timeout: 30_000 }).toBe(true);
      await app.screenshot({ path: join(SCREENSHOTS, `replay-03-player-confirmed-${replayStore}.png`) });

      await app.close();
    }, 90_000);
  },
);
