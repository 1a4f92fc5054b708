import { z } from 'zod';

/** Query of GET /api/v1/projects/:key/sessions (the sessions page). */
export const sessionListQuery = z.object({
  user: z.string().max(1_000).optional(),
  url: z.string().max(2_000).optional(),
  release: z.string().max(1_000).optional(),
  hasError: z.enum(['true', 'false']).optional(),
  hasFrustration: z.enum(['true', 'false']).optional(),
  /** Seconds. */
  minDuration: z.coerce.number().int().min(0).max(31_536_000).optional(),
  maxDuration: z.coerce.number().int().min(0).max(31_536_000).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type SessionListQuery = z.input<typeof sessionListQuery>;

export const sessionIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a session id');

export const replaySettingsBody = z.strictObject({ retentionDays: z.number().int() });

export interface SessionSummary {
  sessionId: string;
  source: 'closeloop' | 'sentry';
  startedAt: string;
  endedAt: string;
  durationMs: number;
  firstUrl: string;
  urls: string[];
  user: string | null;
  release: string | null;
  environment: string | null;
  errorCount: number;
  frustrationCount: number;
  chunkCount: number;
  bytes: number;
}

export interface SessionDetail extends SessionSummary {
  recordingUrl: string;
  issues: { key: string; title: string; kind: string; firstSeen: string }[];
}
