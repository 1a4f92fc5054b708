import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@closeloop/server/app';
import { loadConfig } from '@closeloop/server/config';
import { seedDemoIfEmpty } from '@closeloop/server/demo/seed-demo';
import type { Services } from '@closeloop/server/services';
import { startServices } from '@closeloop/server/start';
import pg from 'pg';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '../../../test-artifacts/screenshots');

/**
 * Builds the SPA into a temp dir with Vite's API, so tests run against the real production bundle.
 * CI builds it once beforehand (a failed build fails CI there) and passes the folder in E2E_WEB_DIST.
 */
export async function buildWeb(): Promise<string> {
  const prebuilt = process.env.E2E_WEB_DIST;
  if (prebuilt) {
    if (!existsSync(join(prebuilt, 'index.html')))
      throw new Error(`E2E_WEB_DIST=${prebuilt} holds no index.html`);
    return prebuilt;
  }
  const outDir = mkdtempSync(join(tmpdir(), 'closeloop-web-'));
  // Imported here: Vite's module graph is large, and CI (E2E_WEB_DIST) never needs it.
  const { build } = await import('vite');
  await build({
    root: join(import.meta.dirname, '..'),
    configFile: join(import.meta.dirname, '../vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}

export type Running = {
  url: string;
  svc: Services;
  /** The server's DATA_DIR (the SQLite files, filesystem replay chunks): tests may read what was stored. */
  dataDir: string;
  close: () => Promise<void>;
};

/** Which database the e2e server runs on: SQLite, or PostgreSQL when E2E_DATABASE=postgres (CI runs the stories on both). */
export const E2E_DIALECT: 'sqlite' | 'postgres' =
  process.env.E2E_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
/** Appended to a suite's title when it runs on PostgreSQL, so reports tell the two runs of a story apart. */
export const ON_DIALECT = E2E_DIALECT === 'postgres' ? ' [postgres]' : '';
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, uniquely named PostgreSQL database for one e2e server; `drop` removes it again. */
async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `e2e_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * The real server on a fresh database (see E2E_DIALECT) and a free port, serving the built web app.
 * `worker: true` runs the grouping worker in the background as `npm start` does; without it, tests
 * group by calling `svc.ingest.worker.drain()` when they choose.
 */
export async function startServer(
  webDist: string,
  opts: { seed?: boolean; worker?: boolean; env?: Record<string, string> } = {},
): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'closeloop-e2e-'));
  const database = E2E_DIALECT === 'postgres' ? await createPostgresDatabase() : undefined;
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database?.url,
    SEED_DEMO: 'never',
    ...opts.env,
  });
  const svc = await startServices(config);
  if (svc.store.dialect !== E2E_DIALECT)
    throw new Error(`e2e server runs on ${svc.store.dialect}, not ${E2E_DIALECT}`);
  if (opts.seed !== false) await seedDemoIfEmpty(svc);
  const app = await buildApp(svc, { webDist });
  if (opts.worker) svc.ingest.worker.start();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    svc,
    dataDir,
    close: async () => {
      await svc.ingest.worker.stop();
      await app.close();
      await svc.store.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium, or null with a loud warning when it is missing (fails under CI instead). */
export async function launchChromium(): Promise<Browser | null> {
  const { existsSync } = await import('node:fs');
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI)
      throw new Error(`${CHROMIUM} is missing: end-to-end tests cannot run in CI without Chromium`);
    console.warn(`\n\n!!! ${CHROMIUM} not found: SKIPPING the web end-to-end tests !!!\n\n`);
    return null;
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The demo password every seeded user shares. */
export const DEMO_PASSWORD = 'closeloop-demo';

/** Signs `email` in through the sign-in form and waits for the issue list. */
export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/issues/);
}

// biome-ignore lint/suspicious/noExplicitAny: `any` by default as `Response.json()` gives; tests read answers loosely (`r.body.key`)
export type ApiAnswer<T = any> = { status: number; body: T };

/** Calls the API from inside the page, with its session cookie (JSON in and out; 204 gives null). */
// biome-ignore lint/suspicious/noExplicitAny: see ApiAnswer
export function callApi<T = any>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const r = await fetch(`/api/v1${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    { method, path, body },
  ) as Promise<ApiAnswer<T>>;
}

export type SignedIn = {
  browser: Browser;
  server: Running;
  page: Page;
  /** `callApi` on this page. */
  // biome-ignore lint/suspicious/noExplicitAny: see ApiAnswer
  call: <T = any>(method: string, path: string, body?: unknown) => Promise<ApiAnswer<T>>;
  close: () => Promise<void>;
};

/**
 * The setup every browser test shares: the real server on a fresh seeded database serving the
 * built app, Chromium, and one page signed in as `email` (a demo user). Null when Chromium is
 * missing outside CI (the caller skips). `env`: extra server configuration (e.g. WEBHOOK_ALLOW_LOOPBACK).
 */
export async function openSignedIn(
  email: string,
  opts: { context?: BrowserContextOptions; seed?: boolean; env?: Record<string, string> } = {},
): Promise<SignedIn | null> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await launchChromium();
  if (!browser) return null;
  let server: Running | undefined;
  try {
    server = await startServer(await buildWeb(), { seed: opts.seed, env: opts.env });
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 }, ...opts.context })
    ).newPage();
    await signIn(page, server.url, email);
    const running = server;
    return {
      browser,
      server: running,
      page,
      call: (method, path, body) => callApi(page, method, path, body),
      close: async () => {
        await browser.close();
        await running.close();
      },
    };
  } catch (e) {
    await browser.close();
    await server?.close();
    throw e;
  }
}

const fieldId = (field: string) => `lbl-${field.toLowerCase().replace(/\W+/g, '-')}`;

/** The value an issue page's property shows (its picker button's text). */
export function propertyValue(page: Page, field: string) {
  return page.locator(`#${fieldId(field)}-value`).textContent();
}

/**
 * Sets an issue page property the way a person does: opens its searchable picker, types part of
 * the option, and chooses the option whose name is exactly `option`.
 */
export async function pickProperty(page: Page, field: string, option: string) {
  await page.locator(`[aria-labelledby="${fieldId(field)} ${fieldId(field)}-value"]`).click();
  // The picker itself: choosing may open another dialog (closing asks for a resolution).
  const picker = page.getByRole('dialog').filter({ has: page.locator('.palette-list') });
  await picker.getByRole('combobox').fill(option.slice(0, 6));
  await picker
    .locator('.palette-item')
    .filter({ has: page.getByText(option, { exact: true }) })
    .first()
    .click();
  await picker.waitFor({ state: 'detached' });
}
