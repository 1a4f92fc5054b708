import { defineAutomationJobs } from '../automation/automation-jobs.ts';
import { defineQuotaJobs } from '../ingest/quota-jobs.ts';
import { defineSeverityJobs } from '../scoring/severity-jobs.ts';
import type { Services } from '../services.ts';
import { defineWebhookJobs } from '../webhooks/webhook-jobs.ts';
import { defineIntakeJobs } from './intake-jobs.ts';
import { definePerformanceJobs } from './performance-jobs.ts';
import { defineRecurrenceJobs } from './recurrence-jobs.ts';
import { defineReplayJobs } from './replay-jobs.ts';
import { defineRoutingJobs } from './routing-jobs.ts';
import { defineSlaJobs } from './sla-jobs.ts';
import { defineVerificationJobs } from './verification-jobs.ts';

/**
 * Every job kind of the product, defined on the process's runner. Each area adds one line here
 * calling its own `define…Jobs(svc)`, so all processes know every kind and any of them can run it.
 */
export function installJobs(svc: Services): void {
  defineSeverityJobs(svc);
  defineReplayJobs(svc);
  defineRoutingJobs(svc);
  defineIntakeJobs(svc);
  defineWebhookJobs(svc);
  defineSlaJobs(svc);
  defineQuotaJobs(svc);
  defineAutomationJobs(svc);
  definePerformanceJobs(svc);
  defineVerificationJobs(svc);
  defineRecurrenceJobs(svc);
}
