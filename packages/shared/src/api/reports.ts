import { z } from 'zod';
import { isoDate } from './common.ts';

/** Reports: a period of whole UTC days, a project or the whole workspace. */
export const REPORT_TABLE_NAMES = [
  'open-by-priority',
  'open-by-status',
  'created-vs-closed',
  'response-times',
  'ageing',
  'rates',
  'top-machine-issues',
] as const;

export const reportQuery = z.strictObject({
  project: z.string().max(10).optional(),
  /** First day, inclusive (default: 29 days before `to`). */
  from: isoDate.optional(),
  /** Last day, inclusive (default: today, UTC). */
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
});
export type Report = z.infer<typeof reportSchema>;
