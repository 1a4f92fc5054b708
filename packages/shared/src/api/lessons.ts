import { z } from 'zod';

/** Lessons-learned records of closed issues, and the knowledge search over resolutions and lessons. */

const answer = z.string().max(20_000);
export const lessonsBody = z.strictObject({
  whatHappened: answer.optional(),
  impact: answer.optional(),
  rootCause: answer.optional(),
  fix: answer.optional(),
  prevention: answer.optional(),
});
export type LessonsBody = z.infer<typeof lessonsBody>;

export const actionItemBody = z.strictObject({
  title: z.string().trim().min(1).max(500),
  assigneeUserId: z.number().int().positive().nullable().optional(),
});

export const actionItemSchema = z.object({
  key: z.string(),
  title: z.string(),
  status: z.string(),
  statusCategory: z.string(),
});

export const lessonsSchema = z.object({
  issueKey: z.string(),
  /** Whether this issue owes a record (high/urgent, risk or incident, or requested). */
  required: z.boolean(),
  /** Why it owes one, in words ("high priority", "matches the project rule `label:security`"). */
  reasons: z.array(z.string()),
  /** null until someone writes the record. */
  record: z
    .object({
      whatHappened: z.string(),
      impact: z.string(),
      rootCause: z.string(),
      fix: z.string(),
      prevention: z.string(),
      authorId: z.number().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
    })
    .nullable(),
  actionItems: z.array(actionItemSchema),
});
export type Lessons = z.infer<typeof lessonsSchema>;

export const knowledgeQuery = z.strictObject({
  q: z.string().trim().min(1).max(500),
  project: z.string().max(10).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const knowledgeHitSchema = z.object({
  key: z.string(),
  title: z.string(),
  type: z.string(),
  priority: z.string(),
  resolution: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  lessons: z
    .object({ whatHappened: z.string(), rootCause: z.string(), fix: z.string(), prevention: z.string() })
    .nullable(),
});
export const knowledgeSchema = z.object({ items: z.array(knowledgeHitSchema) });
