import { z } from 'zod';
import { STATUS_CATEGORIES } from '../issue-fields.ts';
import { MILESTONE_STATES } from '../relation-fields.ts';
import { isoDate } from './common.ts';

const milestoneName = z.string().trim().min(1).max(100);

/** How an issue edit names its milestone: the id, or the name within the project. */
export const milestoneRef = z.union([z.number().int().positive(), milestoneName]);

export const milestoneCreateBody = z.strictObject({
  name: milestoneName,
  description: z.string().max(20_000).default(''),
  targetDate: isoDate.nullable().optional(),
});
export type MilestoneCreate = z.infer<typeof milestoneCreateBody>;

export const milestoneUpdateBody = z.strictObject({
  name: milestoneName.optional(),
  description: z.string().max(20_000).optional(),
  targetDate: isoDate.nullable().optional(),
  state: z.enum(MILESTONE_STATES).optional(),
});
export type MilestoneUpdate = z.infer<typeof milestoneUpdateBody>;

export const milestoneListQuery = z.strictObject({
  state: z.enum([...MILESTONE_STATES, 'all']).default('open'),
});

/** Progress of a set of issues; `percent` is done / (total − cancelled). */
export const progressSchema = z.object({
  total: z.number(),
  done: z.number(),
  cancelled: z.number(),
  open: z.number(),
  percent: z.number(),
  byCategory: z.record(z.enum(STATUS_CATEGORIES), z.number()),
  estimateMinutes: z.number(),
  loggedMinutes: z.number(),
  openEstimateMinutes: z.number(),
});
export type ProgressSummary = z.infer<typeof progressSchema>;

export const milestoneSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  projectKey: z.string(),
  name: z.string(),
  description: z.string(),
  targetDate: z.string().nullable(),
  state: z.enum(MILESTONE_STATES),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  progress: progressSchema,
});
export type Milestone = z.infer<typeof milestoneSchema>;

const ref = { key: z.string(), title: z.string() };
export const impactSchema = z.object({
  atRisk: z.boolean(),
  targetPassed: z.boolean(),
  daysToTarget: z.number().nullable(),
  blocked: z.array(z.object({ ...ref, blockedBy: z.array(z.string()) })),
  overdue: z.array(z.object({ ...ref, dueDate: z.string() })),
  dueAfterTarget: z.array(z.object({ ...ref, dueDate: z.string() })),
  risks: z.array(z.object({ ...ref, type: z.string(), affects: z.array(z.string()) })),
});

/** The milestone page: the milestone, its progress and what threatens its date. */
export const milestoneDetailSchema = milestoneSchema.extend({ impact: impactSchema });
export type MilestoneDetail = z.infer<typeof milestoneDetailSchema>;
