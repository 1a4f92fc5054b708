import { join } from 'node:path';
import { setPasswordHashCost } from './accounts/password.ts';
import { SecretBox } from './accounts/secret-box.ts';
import { secretsKeyLoader } from './accounts/secrets-key.ts';
import type { Config } from './config.ts';
import { EventLog } from './ingest/event-log.ts';
import { GroupWorker } from './ingest/group-worker.ts';
import { IngestGate } from './ingest/ingest-gate.ts';
import { installJobs } from './jobs/install-jobs.ts';
import { JobRunner, type JobRunnerOptions } from './jobs/job-runner.ts';
import { ChangeBus } from './live/change-bus.ts';
import type { Services } from './services.ts';
import type { Store } from './store/db.ts';
import { DbReplayStore } from './store/replay/db-replay-store.ts';
import { FsReplayStore } from './store/replay/fs-replay-store.ts';

/** Wires the process-wide parts around an open, migrated store. The workers (grouping, jobs) are not started here. */
export function createServices(store: Store, config: Config, jobOptions: JobRunnerOptions = {}): Services {
  setPasswordHashCost(config.PASSWORD_HASH_COST);
  const bus = new ChangeBus();
  const log = new EventLog(store);
  const worker = new GroupWorker(store, bus, {
    pollMs: 500,
    holdMs: config.FRUSTRATION_HOLD_MS,
    ...(jobOptions.clock ? { clock: jobOptions.clock } : {}),
  });
  log.onCommit(() => worker.wake());
  const replays =
    config.REPLAY_STORE === 'filesystem'
      ? new FsReplayStore(config.REPLAY_DIR ?? join(config.DATA_DIR, 'replays'))
      : new DbReplayStore(store);
  const svc: Services = {
    store,
    bus,
    config,
    ingest: { gate: new IngestGate(store, log), worker },
    jobs: new JobRunner(store, jobOptions),
    replays,
    secrets: new SecretBox(secretsKeyLoader(config)),
  };
  installJobs(svc);
  return svc;
}
