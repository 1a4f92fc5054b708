import { z } from 'zod';

/**
 * A release recorded through the API (a CI step after a deploy, like Sentry's `releases new` +
 * `set-commits`): its version as the SDKs report it, and the commits it ships — those since the
 * previous release — so a `Fixes KEY` commit is tied to the release that contains it.
 */
export const recordReleaseBody = z
  .object({
    version: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\s/\\]+$/, 'a release version has no spaces or slashes'),
    commits: z
      .array(z.string().regex(/^[0-9a-fA-F]{7,64}$/, 'a commit SHA (7 to 64 hex digits)'))
      .max(1_000)
      .default([]),
  })
  .strict();
export type RecordReleaseBody = z.infer<typeof recordReleaseBody>;

export const recordedReleaseSchema = z.object({
  release: z.string(),
  firstSeen: z.string(),
  /** Commits recorded for this release so far (this call's and earlier ones'). */
  commits: z.number(),
  /** Machine-found issues whose fixing commit this release ships: they now await verification in it. */
  fixes: z.array(z.string()),
});
export type RecordedRelease = z.infer<typeof recordedReleaseSchema>;
