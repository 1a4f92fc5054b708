import { z } from 'zod';
import { ISSUE_KINDS, ISSUE_SORTS, PRIORITIES, RESOLUTION_KEY, STATUS_CATEGORIES } from '../issue-fields.ts';
import { isoDate } from './common.ts';
import { milestoneRef } from './milestones.ts';
import { issueSlaBadgeSchema } from './sla.ts';
import { customFieldKey, customFieldValue, customFieldValues, gatherCustomFieldParams } from './workflows.ts';

const issueType = z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, 'lower-case identifier');
const labelNames = z.array(z.string().trim().min(1).max(50)).max(50);

export const issueCreateBody = z.strictObject({
  title: z.string().trim().min(1).max(500),
  description: z.string().max(100_000).default(''),
  type: issueType.default('task'),
  status: z.string().max(50).optional(),
  priority: z.enum(PRIORITIES).default('none'),
  assigneeUserId: z.number().int().positive().nullable().optional(),
  assigneeTeamId: z.number().int().positive().nullable().optional(),
  labels: labelNames.default([]),
  startDate: isoDate.nullable().optional(),
  dueDate: isoDate.nullable().optional(),
  estimateMinutes: z.number().int().min(0).max(1_000_000).nullable().optional(),
  parentKey: z.string().max(30).nullable().optional(),
  /** Custom field values by field key; see CustomFieldValues. */
  customFields: customFieldValues.optional(),
  /** Milestone id or name in the issue's project; null for none. */
  milestone: milestoneRef.nullable().optional(),
});
export type IssueCreate = z.infer<typeof issueCreateBody>;

export const issueUpdateBody = z.strictObject({
  /** The version the edit was based on; a stale one answers 409 with the current issue. */
  version: z.number().int().positive(),
  title: z.string().trim().min(1).max(500).optional(),
  description: z.string().max(100_000).optional(),
  type: issueType.optional(),
  status: z.string().max(50).optional(),
  priority: z.enum(PRIORITIES).optional(),
  assigneeUserId: z.number().int().positive().nullable().optional(),
  assigneeTeamId: z.number().int().positive().nullable().optional(),
  labels: labelNames.optional(),
  startDate: isoDate.nullable().optional(),
  dueDate: isoDate.nullable().optional(),
  estimateMinutes: z.number().int().min(0).max(1_000_000).nullable().optional(),
  parentKey: z.string().max(30).nullable().optional(),
  /** A resolution of the project (built-in or its own, not retired); unknown or retired ones answer 422. */
  resolution: z.string().regex(RESOLUTION_KEY, 'a resolution key').nullable().optional(),
  resolutionNote: z.string().max(20_000).nullable().optional(),
  milestone: milestoneRef.nullable().optional(),
  /** Only the fields named change; null clears one. */
  customFields: customFieldValues.optional(),
  /** A comment saved in the same transaction as the edit (a transition comment). */
  comment: z.string().trim().min(1).max(100_000).optional(),
});
export type IssueUpdate = z.infer<typeof issueUpdateBody>;

/** What a machine-found issue's events add up to, for the issue stream's columns. */
export const issueImpactSchema = z.object({
  events: z.number(),
  /** Summed over the issue's event groups (the issue page counts distinct users). */
  users: z.number(),
  sessions: z.number(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Events per hour over the last 24 hours, oldest first (the trend sparkline). */
  trend: z.array(z.number()),
  /** Performance issues: the metric, route or endpoint and its p75 at the latest finding (display units). */
  performance: z.object({ metric: z.string(), target: z.string(), p75: z.number() }).nullable(),
});
export type IssueImpact = z.infer<typeof issueImpactSchema>;

export const issueSchema = z.object({
  id: z.number(),
  key: z.string(),
  number: z.number(),
  projectId: z.number(),
  projectKey: z.string(),
  kind: z.enum(ISSUE_KINDS),
  type: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.string(),
  statusCategory: z.enum(STATUS_CATEGORIES),
  priority: z.enum(PRIORITIES),
  assigneeUserId: z.number().nullable(),
  assigneeTeamId: z.number().nullable(),
  reporterId: z.number().nullable(),
  labels: z.array(z.string()),
  /** Custom field values by field key; fields without a value are absent. */
  customFields: z.record(z.string(), customFieldValue),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  estimateMinutes: z.number().nullable(),
  parentId: z.number().nullable(),
  parentKey: z.string().nullable(),
  milestone: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** Sum of the issue's own work logs. */
  loggedMinutes: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  version: z.number(),
  /** The SLA badge from the worker's last evaluation of the issue's clocks; absent or null: no SLA applies. */
  sla: issueSlaBadgeSchema.nullable().optional(),
  /** Machine-found issues in lists: events, users, sessions, first/last seen, trend; absent for manual ones. */
  impact: issueImpactSchema.optional(),
});
export type Issue = z.infer<typeof issueSchema>;

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(2_000)
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50));

export const issueListQuery = z.preprocess(
  gatherCustomFieldParams,
  z.strictObject({
    project: z.string().max(10).optional(),
    /** Status keys, or the words `open` / `closed`. */
    status: csv(z.string().max(50)).optional(),
    priority: csv(z.enum(PRIORITIES)).optional(),
    /** User ids, `me`, or `none`. */
    assignee: csv(
      z.union([
        z.literal('me'),
        z.literal('none'),
        z
          .string()
          .regex(/^\d{1,12}$/)
          .transform(Number),
      ]),
    ).optional(),
    team: csv(z.string().max(40)).optional(),
    label: csv(z.string().max(50)).optional(),
    type: csv(z.string().max(31)).optional(),
    kind: csv(z.enum(ISSUE_KINDS)).optional(),
    text: z.string().trim().min(1).max(500).optional(),
    /** A query in the query language (docs/query-language.md); ANDed with the parameters above. */
    q: z.string().max(10_000).optional(),
    /** Default: newest first, or relevance when `q` has free text. A `sort:` in `q` wins. */
    sort: z.enum(ISSUE_SORTS).optional(),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(500).optional(),
    /** `cf.<key>=<value>` parameters: any of a comma list, or one comparison (`>=3`, `<2026-12-01`). */
    cf: z.record(customFieldKey, z.string().max(2_000)).optional(),
    /** From `sort=cf.<key>`: order by that custom field (not multi selects), empty values last. */
    cfSort: customFieldKey.optional(),
  }),
);
export type IssueListQuery = z.infer<typeof issueListQuery>;

/** internal: the team only (the default); public: reporters following the issue see it (issue 17.6). */
export const commentVisibility = z.enum(['internal', 'public']);
export const commentCreateBody = z.strictObject({
  body: z.string().trim().min(1).max(100_000),
  visibility: commentVisibility.optional(),
});
export const commentUpdateBody = z.strictObject({ body: z.string().trim().min(1).max(100_000) });
export const commentSchema = z.object({
  id: z.number(),
  issueId: z.number(),
  authorId: z.number().nullable(),
  body: z.string(),
  /** Markdown rendered to sanitised HTML; never trust `body` as HTML. */
  bodyHtml: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  visibility: commentVisibility,
  /** The user report this comment belongs to: written by its reporter (authorId null) or to them alone. */
  reportId: z.number().nullable(),
  /** Files of a mailed reply; bytes at GET …/comments/attachments/:id. */
  attachments: z.array(
    z.object({ id: z.number(), filename: z.string(), contentType: z.string(), size: z.number() }),
  ),
});
export type Comment = z.infer<typeof commentSchema>;

export const activitySchema = z.object({
  id: z.number(),
  issueId: z.number(),
  actorId: z.number().nullable(),
  action: z.string(),
  field: z.string().nullable(),
  from: z.unknown(),
  to: z.unknown(),
  createdAt: z.string(),
});
export type Activity = z.infer<typeof activitySchema>;
