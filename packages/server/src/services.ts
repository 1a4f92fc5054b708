import type { SecretBox } from './accounts/secret-box.ts';
import type { Config } from './config.ts';
import type { GroupWorker } from './ingest/group-worker.ts';
import type { IngestGate } from './ingest/ingest-gate.ts';
import type { JobRunner } from './jobs/job-runner.ts';
import type { ChangeBus } from './live/change-bus.ts';
import type { Store } from './store/db.ts';
import type { ReplayStore } from './store/replay/replay-store.ts';

/** What commands need from the running process; built once by createServices(). */
export interface Services {
  store: Store;
  bus: ChangeBus;
  config: Config;
  ingest: { gate: IngestGate; worker: GroupWorker };
  /** The durable job queue's runner; every kind is defined on it (jobs/install-jobs.ts), started with the worker. */
  jobs: JobRunner;
  /** Bytes of session recordings (REPLAY_STORE: database | filesystem). */
  replays: ReplayStore;
  /** Seals and opens secrets the server reads back (TOTP, SSO client secrets) with SECRETS_KEY. */
  secrets: SecretBox;
}
