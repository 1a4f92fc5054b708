import type { Config } from './config.ts';
import type { ChangeBus } from './live/change-bus.ts';
import type { Store } from './store/db.ts';

/** What commands need from the running process; built once in app.ts. */
export interface Services {
  store: Store;
  bus: ChangeBus;
  config: Config;
}
