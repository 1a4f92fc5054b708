import { z } from 'zod';
import { issueKeyParam } from './params.ts';

/** Closing an issue as a duplicate of its original (linked; its people follow the original). */
export const closeAsDuplicateBody = z.strictObject({
  /** The original issue's key. */
  original: issueKeyParam,
  /** The version the closer saw (optimistic concurrency). */
  version: z.number().int().positive(),
  /** A closed status of the issue's workflow; default: its first done status. */
  status: z.string().max(50).optional(),
  resolutionNote: z.string().max(20_000).nullable().optional(),
});
export type CloseAsDuplicateBody = z.infer<typeof closeAsDuplicateBody>;
