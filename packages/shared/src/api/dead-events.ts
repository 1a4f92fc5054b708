import { z } from 'zod';

/** An event the grouping worker set aside with its error (admins retry or discard it). */
export const deadEventSchema = z.object({
  id: z.number(),
  eventId: z.string(),
  error: z.string(),
  attempts: z.number(),
  failedAt: z.string(),
  receivedAt: z.string().nullable(),
  /** Set while a retry waits for the worker. */
  retryRequestedAt: z.string().nullable(),
  /** The start of the logged event as stored (JSON), for a first look. */
  payloadPreview: z.string(),
});
export type DeadEvent = z.infer<typeof deadEventSchema>;

export const deadEventListSchema = z.object({
  total: z.number(),
  items: z.array(deadEventSchema),
});
export type DeadEventList = z.infer<typeof deadEventListSchema>;
