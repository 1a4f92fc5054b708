import { z } from 'zod';
import { STATUS_CATEGORIES } from '../issue-fields.ts';

export const projectKey = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, '2–10 upper-case letters or digits, starting with a letter');

export const projectCreateBody = z.strictObject({
  key: projectKey,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(10_000).default(''),
});
export const projectUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().max(10_000).optional(),
  archived: z.boolean().optional(),
});

export const statusSchema = z.object({
  key: z.string(),
  name: z.string(),
  category: z.enum(STATUS_CATEGORIES),
});

export const projectSchema = z.object({
  id: z.number(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  archivedAt: z.string().nullable(),
  statuses: z.array(statusSchema),
});
export type Project = z.infer<typeof projectSchema>;

export const teamCreateBody = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2_000).default(''),
  memberIds: z.array(z.number().int().positive()).max(500).default([]),
});
export const teamUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().max(2_000).optional(),
  memberIds: z.array(z.number().int().positive()).max(500).optional(),
});
export const teamSchema = z.object({
  id: z.number(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  memberIds: z.array(z.number()),
});
export type Team = z.infer<typeof teamSchema>;

export const labelCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(50),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .default('#6b7280'),
});
export const labelSchema = z.object({ id: z.number(), name: z.string(), color: z.string() });
