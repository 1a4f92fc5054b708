import { z } from 'zod';

/** Per release of a project: the issues it brought, brought back and fixed, and each fix's verification. */
const releaseIssue = z.object({ key: z.string(), title: z.string() });
export const verificationSchema = z.object({
  state: z.enum(['awaiting_release', 'awaiting_verification', 'stalled', 'verified', 'not_fixed']),
  evidence: z.string(),
});
export const releaseIssuesSchema = z.object({
  items: z.array(
    z.object({
      release: z.string(),
      firstSeen: z.string().nullable(),
      sessions: z.number(),
      /** Sessions per UTC day (YYYY-MM-DD) over the last 30 days, oldest first. */
      adoption: z.array(z.object({ day: z.string(), sessions: z.number() })),
      newIssues: z.array(releaseIssue),
      regressed: z.array(releaseIssue),
      resolved: z.array(releaseIssue.extend({ verification: verificationSchema })),
    }),
  ),
});
export type ReleaseIssues = z.infer<typeof releaseIssuesSchema>;
