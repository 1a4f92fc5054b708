import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@closeloop/server/app';
import { loadConfig } from '@closeloop/server/config';
import { seedDemoIfEmpty } from '@closeloop/server/demo/seed-demo';
import type { Services } from '@closeloop/server/services';
import { startServices } from '@closeloop/server/start';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '../../../test-artifacts/screenshots');

/** Builds the SPA into a temp dir with Vite's API, so tests run against the real production bundle. */
export async function buildWeb(): Promise<string> {
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

/** The real server on a fresh SQLite directory and a free port, serving the built web app. */
export async function startServer(webDist: string, opts: { seed?: boolean } = {}): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'closeloop-e2e-'));
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: undefined,
    SEED_DEMO: 'never',
  });
  const svc = await startServices(config);
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
