import { z } from 'zod';
import { verificationSchema } from './release-issues.ts';

/** How a machine-found issue closed as fixed is resolved (Sentry's modes), and its verification. */
export const resolutionModeBody = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('now') }),
  z.object({ mode: z.literal('in_release'), release: z.string().trim().min(1).max(200) }),
  z.object({ mode: z.literal('next_release') }),
]);
export type ResolutionModeBody = z.infer<typeof resolutionModeBody>;

export const fixVerificationSchema = verificationSchema.extend({
  mode: z.enum(['now', 'in_release', 'next_release']),
  /** The release the fix is tied to; null while it waits for the next release to appear. */
  release: z.string().nullable(),
  resolvedAt: z.string(),
  checkedAt: z.string().nullable(),
});
export type FixVerification = z.infer<typeof fixVerificationSchema>;
