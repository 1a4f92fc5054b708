import { buildApp } from './app.ts';
import { sealClearTotpSecrets } from './commands/sealed-secrets.ts';
import { backfillSimilarityIndex } from './commands/similarity.ts';
import type { Config } from './config.ts';
import { createServices } from './create-services.ts';
import { type ProcessRole, processRole } from './process-role.ts';
import type { Services } from './services.ts';
import { openStore } from './store/db.ts';
import { migrateToLatest } from './store/migrations/migrate.ts';

/** Opens the store, migrates it and builds the app: the whole process, minus listening. */
export async function startServices(config: Config): Promise<Services> {
  const store = openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrateToLatest(store.db, store.dialect);
  await backfillSimilarityIndex(store);
  const svc = createServices(store, config);
  await sealClearTotpSecrets(store, svc.secrets);
  return svc;
}

/** An HTTP process: `all` also runs the grouping worker and the job queue, `api` leaves them to workers. */
export async function startApp(
  config: Config,
  role: Exclude<ProcessRole, 'worker'> = processRole([], config) === 'api' ? 'api' : 'all',
) {
  const svc = await startServices(config);
  const app = await buildApp(svc, { logger: { level: config.LOG_LEVEL } });
  if (role === 'all') {
    svc.ingest.worker.start();
    svc.jobs.start();
  }
  return { svc, app };
}
