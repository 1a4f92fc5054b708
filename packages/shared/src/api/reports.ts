import { z } from 'zod';
import { isoDate } from './common.ts';

/**
 * Reports: a period of whole days, a project or the whole workspace. A project's days are those of
 * its business calendar's time zone (the one zone SLAs and performance use); the workspace's are UTC.
 */
export const REPORT_TABLE_NAMES = [
  'open-by-priority',
  'open-by-status',
  'created-vs-closed',
  'response-times',
  'ageing',
  'rates',
  'top-machine-issues',
  'sla-compliance',
] as const;

export const reportQuery = z.strictObject({
  project: z.string().max(10).optional(),
  /** First day, inclusive (default: 29 days before `to`). */
  from: isoDate.optional(),
  /** Last day, inclusive (default: today in the report's time zone). */
  to: isoDate.optional(),
});
export const reportCsvQuery = reportQuery.extend({ table: z.enum(REPORT_TABLE_NAMES) });

const durations = z.object({
  count: z.number(),
  meanMs: z.number().nullable(),
  medianMs: z.number().nullable(),
});
const rate = z.object({ count: z.number(), of: z.number(), rate: z.number().nullable() });

export const reportSchema = z.object({
  project: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  /** The zone whose days the report counts. */
  timeZone: z.string(),
  totals: z.object({ created: z.number(), closed: z.number(), openAtEnd: z.number() }),
  openByPriority: z.array(z.object({ priority: z.string(), count: z.number() })),
  openByStatus: z.array(z.object({ status: z.string(), category: z.string(), count: z.number() })),
  createdVsClosed: z.array(z.object({ date: z.string(), created: z.number(), closed: z.number() })),
  firstResponse: durations,
  acknowledge: durations,
  resolution: durations,
  ageing: z.array(z.object({ bucket: z.string(), count: z.number() })),
  reopenRate: rate,
  regressionRate: rate,
  topMachineIssues: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      users: z.number(),
      events: z.number(),
      open: z.boolean(),
    }),
  ),
  /** SLA clocks met or breached within the period (core/reports/sla-compliance); `tracked` false: no SLA applies. */
  slaCompliance: z.object({
    tracked: z.boolean(),
    rows: z.array(
      z.object({
        metric: z.enum(['first_response', 'resolution']),
        priority: z.string().nullable(),
        met: z.number(),
        breached: z.number(),
        rate: z.number().nullable(),
      }),
    ),
    openBreaches: z.number(),
  }),
});
export type Report = z.infer<typeof reportSchema>;
