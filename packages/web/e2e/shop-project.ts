import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Running } from './harness.ts';

export const SHOP_OWNER = { email: 'owner@shop.test', password: 'correct-horse-battery', name: 'Shop Owner' };

export type Call = <T>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;

/**
 * What a new user does before the shop can report: sign up (a workspace), create the SHOP
 * project and an ingest key for the shop's origin. Returns the owner's API caller and the DSN.
 */
export async function createShopProject(
  server: Running,
  shopUrl: string,
): Promise<{ call: Call; cookie: string; dsn: string }> {
  const signup = await fetch(`${server.url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...SHOP_OWNER, workspaceName: 'Trailhead' }),
  });
  expect(signup.status).toBe(201);
  const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const call: Call = async (method, path, body) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  expect((await call('POST', '/api/v1/projects', { key: 'SHOP', name: 'Shop' })).status).toBe(201);
  const key = await call<{ publicKey: string; dsn: string }>('POST', '/api/v1/projects/SHOP/ingest-keys', {
    name: 'storefront',
    allowedOrigins: [shopUrl],
  });
  expect(key.status).toBe(201);
  const projectId = key.body.dsn.split('/').pop();
  const dsn = `${server.url.replace('://', `://${key.body.publicKey}@`)}/${projectId}`;
  return { call, cookie, dsn };
}

/**
 * A gift-wrapped order paid through the checkout form: the shop's payment API answers 500 for it
 * (a network issue), and the page says so. Expects something in the cart.
 */
export async function placeFailingOrder(page: Page): Promise<void> {
  await page.getByLabel('Gift wrap').check();
  await page.getByRole('button', { name: 'Checkout' }).click();
  await page.getByLabel('Name on card').fill('Ada Walker');
  await page.getByLabel('Card number').fill('4000056655665556');
  await page.getByLabel('Expiry').fill('12/30');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect.poll(() => page.locator('#checkout-status').textContent()).toContain('Checkout failed');
}
