import { loadConfig } from './config.ts';
import { startServices } from './start.ts';

/**
 * A grouping worker on its own (`npm run worker`): reads the raw event log and folds it into
 * issues, and runs the durable job queue. Run beside API processes started with GROUPING_WORKER=off. Several workers may run:
 * each batch claims the log offset inside its transaction, so they never double-count.
 */
const config = loadConfig();
const svc = await startServices(config);
svc.ingest.worker.start();
svc.jobs.start();
console.log(`Closeloop grouping worker running (${svc.store.dialect})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await svc.ingest.worker.stop();
    await svc.jobs.stop();
    await svc.store.close();
    process.exit(0);
  });
}
