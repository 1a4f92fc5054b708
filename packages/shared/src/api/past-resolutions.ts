import { z } from 'zod';

/** The closest closed issues to an issue, with how each was resolved (similarity engine order). */
export const pastResolutionSchema = z.object({
  key: z.string(),
  title: z.string(),
  resolution: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  score: z.number(),
  lessons: z.object({ rootCause: z.string(), fix: z.string(), prevention: z.string() }).nullable(),
});
export type PastResolution = z.infer<typeof pastResolutionSchema>;
export const pastResolutionsSchema = z.object({ items: z.array(pastResolutionSchema) });
export type PastResolutions = z.infer<typeof pastResolutionsSchema>;
export const pastResolutionsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(10).default(3),
});
