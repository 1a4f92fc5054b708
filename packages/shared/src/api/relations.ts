import { z } from 'zod';
import { PRIORITIES, STATUS_CATEGORIES } from '../issue-fields.ts';
import { LINK_TYPES } from '../relation-fields.ts';
import { isoDate } from './common.ts';
import { issueSchema } from './issues.ts';
import { milestoneRef, progressSchema } from './milestones.ts';

const issueKeyText = z.string().trim().min(3).max(30);

export const linkCreateBody = z.strictObject({
  type: z.enum(LINK_TYPES),
  /** The other issue's key, e.g. SHOP-42. */
  target: issueKeyText,
});

export const projectLinksQuery = z.strictObject({ type: z.enum(LINK_TYPES).optional() });

/** A link in stored direction: `sourceKey` blocks / duplicates `targetKey`; `relates_to` has no direction. */
export const projectLinkSchema = z.object({
  id: z.number(),
  type: z.enum(['blocks', 'duplicates', 'relates_to']),
  sourceKey: z.string(),
  targetKey: z.string(),
});

/** The issue at the other end of a link, enough to draw a chip. */
export const linkedIssueSchema = z.object({
  id: z.number(),
  key: z.string(),
  title: z.string(),
  type: z.string(),
  status: z.string(),
  statusCategory: z.enum(STATUS_CATEGORIES),
  priority: z.enum(PRIORITIES),
});

export const linkSchema = z.object({
  id: z.number(),
  /** Read from the issue the list belongs to: on SHOP-2, "SHOP-1 blocks SHOP-2" is `is_blocked_by`. */
  type: z.enum(LINK_TYPES),
  issue: linkedIssueSchema,
  createdBy: z.number().nullable(),
  createdAt: z.string(),
});
export type Link = z.infer<typeof linkSchema>;

/** Time on an issue and all its descendants. */
export const timeRollupSchema = z.object({ estimateMinutes: z.number(), loggedMinutes: z.number() });

/** What `GET /issues/:key` adds to the issue. */
export const issueRelationsSchema = z.object({
  links: z.array(linkSchema),
  /** Progress of the direct children (counts and their own time). */
  children: progressSchema,
  /** Estimate and logged time of the issue plus all its descendants. */
  rollup: timeRollupSchema,
  /** Open milestones whose open work this (open) issue blocks, or — for a risk/blocker — is linked to. */
  affects: z.array(
    z.object({
      milestone: z.object({ id: z.number(), name: z.string(), targetDate: z.string().nullable() }),
      issues: z.array(z.string()),
    }),
  ),
});

export const childrenListSchema = z.object({
  items: z.array(issueSchema),
  progress: progressSchema,
  rollup: timeRollupSchema,
});

export const worklogCreateBody = z.strictObject({
  minutes: z.number().int().min(1).max(100_000),
  /** The day the work was done; today (UTC) when absent. */
  date: isoDate.optional(),
  note: z.string().max(5_000).default(''),
});
export type WorklogCreate = z.infer<typeof worklogCreateBody>;

export const worklogSchema = z.object({
  id: z.number(),
  issueId: z.number(),
  userId: z.number().nullable(),
  minutes: z.number(),
  date: z.string(),
  note: z.string(),
  createdAt: z.string(),
});
export type Worklog = z.infer<typeof worklogSchema>;

export const worklogListSchema = z.object({
  items: z.array(worklogSchema),
  /** This issue alone: its estimate and the sum of its logs. */
  estimateMinutes: z.number().nullable(),
  loggedMinutes: z.number(),
  /** This issue plus every descendant. */
  rollup: timeRollupSchema,
});

const labelNames = z.array(z.string().trim().min(1).max(50)).max(50);

export const bulkEditBody = z.strictObject({
  keys: z.array(issueKeyText).min(1).max(500),
  set: z
    .strictObject({
      status: z.string().max(50).optional(),
      priority: z.enum(PRIORITIES).optional(),
      assigneeUserId: z.number().int().positive().nullable().optional(),
      assigneeTeamId: z.number().int().positive().nullable().optional(),
      addLabels: labelNames.optional(),
      removeLabels: labelNames.optional(),
      milestone: milestoneRef.nullable().optional(),
    })
    .refine((s) => Object.values(s).some((v) => v !== undefined), 'set at least one field'),
});
export type BulkEdit = z.infer<typeof bulkEditBody>;

export const bulkEditResultSchema = z.object({
  items: z.array(issueSchema),
  /** Keys whose fields actually changed (others were already as asked). */
  changed: z.array(z.string()),
});
