import { defineSeverityJobs } from '../scoring/severity-jobs.ts';
import type { Services } from '../services.ts';
import { defineReplayJobs } from './replay-jobs.ts';
import { defineRoutingJobs } from './routing-jobs.ts';

/**
 * Every job kind of the product, defined on the process's runner. Each area adds one line here
 * calling its own `define…Jobs(svc)`, so all processes know every kind and any of them can run it.
 */
export function installJobs(svc: Services): void {
  defineSeverityJobs(svc);
  defineReplayJobs(svc);
  defineRoutingJobs(svc);
}
