import { z } from 'zod';

/** Similar and duplicate issues (core/similarity) and merging a duplicate into its original. */

export const similarQuery = z.strictObject({
  title: z.string().max(500).default(''),
  description: z.string().max(20_000).default(''),
  limit: z.coerce.number().int().min(1).max(50).default(8),
});
export type SimilarQuery = z.infer<typeof similarQuery>;

export const similarIssueSchema = z.object({
  key: z.string(),
  title: z.string(),
  status: z.string(),
  statusCategory: z.string(),
  resolution: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Combined score: BM25F as a share of a perfect match plus the other signals (see core/similarity/engine.ts). */
  score: z.number(),
  likelyDuplicate: z.boolean(),
  signals: z.object({ text: z.number(), title: z.number(), frames: z.number(), recency: z.number() }),
});
export type SimilarIssue = z.infer<typeof similarIssueSchema>;

export const similarListSchema = z.object({
  items: z.array(similarIssueSchema),
  /** Score at or above which an issue counts as a likely duplicate. */
  threshold: z.number(),
  /** For an existing issue: the earlier issue it most likely duplicates, if any scores above the threshold. */
  likelyDuplicateOf: similarIssueSchema.nullable(),
});
export type SimilarList = z.infer<typeof similarListSchema>;

export const mergeBody = z.strictObject({
  /** The original issue's key. */
  into: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{1,9}-\d{1,9}$/, 'an issue key like SHOP-42')
    .transform((k) => k.toUpperCase()),
});

export const mergeSchema = z.object({
  id: z.number(),
  duplicateKey: z.string(),
  originalKey: z.string(),
  mergedAt: z.string(),
  mergedBy: z.number().nullable(),
  undoneAt: z.string().nullable(),
  moved: z.object({
    comments: z.number(),
    watchers: z.number(),
    reporters: z.number(),
    eventGroups: z.number(),
  }),
});
export type Merge = z.infer<typeof mergeSchema>;
export const mergeListSchema = z.object({ items: z.array(mergeSchema) });
