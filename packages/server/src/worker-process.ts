import type { Config } from './config.ts';
import { startReactor } from './live/reactor.ts';
import { startServices } from './start.ts';

/**
 * A process with the `worker` role: folds the raw event log into issues and runs the durable job
 * queue, with no HTTP. Several may run beside any number of `api` processes: each batch claims
 * the log offset inside its transaction and jobs are claimed with SKIP LOCKED, so nothing is done
 * twice. Changes it makes (issues found, SLA or automation edits) go through its own reactor into
 * change_log, whose NOTIFY wakes the SSE clients of every API process.
 */
export async function runWorkerProcess(config: Config): Promise<void> {
  const svc = await startServices(config);
  const stopReactor = startReactor(svc, (err, change) =>
    console.error('worker: reacting to a change failed', change, err),
  );
  svc.ingest.worker.start();
  svc.jobs.start();
  console.log(`Closeloop worker running (${svc.store.dialect})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      await svc.ingest.worker.stop();
      await svc.jobs.stop();
      await stopReactor();
      await svc.store.close();
      process.exit(0);
    });
  }
}
