import { z } from 'zod';

/** The closed issue a new one recurs (issue 13 §5), with how it was resolved and what was learned. */
export const recurrenceSchema = z.object({
  recurrence: z
    .object({
      key: z.string(),
      title: z.string(),
      resolution: z.string().nullable(),
      resolutionNote: z.string().nullable(),
      closedAt: z.string().nullable(),
      /** The similarity engine's score that made it a recurrence (≥ its likely-duplicate threshold). */
      score: z.number(),
      foundAt: z.string(),
      lessons: z
        .object({
          whatHappened: z.string(),
          impact: z.string(),
          rootCause: z.string(),
          fix: z.string(),
          prevention: z.string(),
        })
        .nullable(),
    })
    .nullable(),
});
export type Recurrence = z.infer<typeof recurrenceSchema>;
