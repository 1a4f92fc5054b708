import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@closeloop/server/app';
import { loadConfig } from '@closeloop/server/config';
import { seedDemoIfEmpty } from '@closeloop/server/demo/seed-demo';
import type { Services } from '@closeloop/server/services';
import { startServices } from '@closeloop/server/start';
import pg from 'pg';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';

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
  await build({
    root: join(import.meta.dirname, '..'),
    configFile: join(import.meta.dirname, '../vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}

export type Running = { url: string; svc: Services; close: () => Promise<void> };

/** Which database the e2e server runs on: SQLite, or PostgreSQL when E2E_DATABASE=postgres (CI runs the stories on both). */
export const E2E_DIALECT: 'sqlite' | 'postgres' =
  process.env.E2E_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
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

/** The real server on a fresh database (see E2E_DIALECT) and a free port, serving the built web app. */
export async function startServer(webDist: string, opts: { seed?: boolean } = {}): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'closeloop-e2e-'));
  const database = E2E_DIALECT === 'postgres' ? await createPostgresDatabase() : undefined;
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database?.url,
    SEED_DEMO: 'never',
  });
  const svc = await startServices(config);
  if (svc.store.dialect !== E2E_DIALECT)
    throw new Error(`e2e server runs on ${svc.store.dialect}, not ${E2E_DIALECT}`);
  if (opts.seed !== false) await seedDemoIfEmpty(svc);
  const app = await buildApp(svc, { webDist });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    svc,
    close: async () => {
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
