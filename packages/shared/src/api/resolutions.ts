import { z } from 'zod';
import { RESOLUTION_KEY } from '../issue-fields.ts';

/** A project's resolutions (built-in and its own) and its lessons-learned rule (issue 13 §1). */

export const resolutionKey = z.string().regex(RESOLUTION_KEY, 'lower-case identifier');
const resolutionName = z.string().trim().min(1).max(60);

export const projectResolutionSchema = z.object({
  key: z.string(),
  name: z.string(),
  builtIn: z.boolean(),
  /** Retired: no longer offered when closing; issues closed with it keep it. */
  retired: z.boolean(),
});
export type ProjectResolution = z.infer<typeof projectResolutionSchema>;
export const projectResolutionsSchema = z.object({ items: z.array(projectResolutionSchema) });

export const resolutionCreateBody = z.strictObject({ key: resolutionKey, name: resolutionName });
export const resolutionUpdateBody = z.strictObject({
  name: resolutionName.optional(),
  retired: z.boolean().optional(),
});

/** Issues matching `query` owe a lessons-learned record when closed, besides the built-in rule. */
export const lessonsRuleSchema = z.object({
  query: z.string().nullable(),
  /** How many of the project's issues the rule matches now; null without a rule. */
  matches: z.number().nullable(),
});
export type LessonsRule = z.infer<typeof lessonsRuleSchema>;
export const lessonsRuleBody = z.strictObject({ query: z.string().trim().max(2_000).nullable() });
export const lessonsRulePreviewBody = z.strictObject({ query: z.string().trim().min(1).max(2_000) });
export const lessonsRulePreviewSchema = z.object({ matches: z.number() });
