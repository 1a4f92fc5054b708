import { z } from 'zod';

const origin = z
  .string()
  .max(300)
  .regex(/^(\*|https?:\/\/[^/\s]+)$/, 'an origin like https://shop.example.com, or *');

export const ingestKeyCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(100).default('Default'),
  allowedOrigins: z.array(origin).max(50).default([]),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).default(6000),
});
export const ingestKeyUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  allowedOrigins: z.array(origin).max(50).optional(),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).optional(),
  revoked: z.literal(true).optional(),
});

export const ingestKeySchema = z.object({
  id: z.number(),
  name: z.string(),
  projectKey: z.string(),
  publicKey: z.string(),
  dsn: z.string(),
  allowedOrigins: z.array(z.string()),
  rateLimitPerMinute: z.number(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type IngestKey = z.infer<typeof ingestKeySchema>;

export const ingestAnswerSchema = z.object({
  accepted: z.number(),
  rejected: z.array(z.object({ index: z.number(), error: z.unknown() })),
});
