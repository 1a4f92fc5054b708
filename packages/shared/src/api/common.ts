import { z } from 'zod';

export const idParam = z.coerce.number().int().positive();
export const isoDate = z.iso.date();
export const isoTime = z.iso.datetime();
export const email = z
  .email()
  .max(320)
  .transform((e) => e.toLowerCase());
export const password = z.string().min(8, 'at least 8 characters').max(200);

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
