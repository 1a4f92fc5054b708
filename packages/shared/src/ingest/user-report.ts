import { z } from 'zod';
import { breadcrumbSchema } from './event.ts';
import { REPLAY_SESSION_ID } from './replay.ts';
import { REPORT_FILE_MAX_BYTES, REPORT_FILE_TYPES, REPORT_FILES_MAX } from './report-files.ts';

/**
 * Version 1 of the user-report contract: what the browser SDK's feedback widget sends to
 * POST /api/ingest/v1/reports. A report is what a person wrote plus the evidence the SDK had at
 * that moment (session, breadcrumbs: clicks, navigations, requests, console errors, errors; the
 * environment). The replay is not in it: the widget asks the recorder to send its buffer under the
 * same session id, and the server joins them by that id.
 */

const shortText = z.string().max(1_000);
const answer = z.string().max(8_000);

/** One file of a report, its bytes in base64 (bounds and types in report-files.ts). */
export const reportFileSchema = z.strictObject({
  filename: z.string().trim().min(1).max(200),
  content_type: z
    .string()
    .max(200)
    .refine((t) => REPORT_FILE_TYPES.includes(t.toLowerCase()), {
      message: `type not accepted (accepted: ${REPORT_FILE_TYPES.join(', ')})`,
    }),
  data: z
    .string()
    .min(1, 'empty file')
    .max(Math.ceil(REPORT_FILE_MAX_BYTES / 3) * 4, `file over ${REPORT_FILE_MAX_BYTES} bytes`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'data must be base64'),
});
export type ReportFile = z.infer<typeof reportFileSchema>;

export const userReportSchema = z.strictObject({
  /** 32 hex chars chosen by the SDK: a report retried after going offline is stored once. */
  event_id: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex characters'),
  timestamp: z.number().positive(),
  /** What went wrong, in the reporter's words. */
  description: z.string().trim().min(1, 'describe what went wrong').max(16_000),
  /** Answers to the project's prompts. */
  expected: answer.optional(),
  actual: answer.optional(),
  steps: answer.optional(),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  session_id: z.string().regex(REPLAY_SESSION_ID).optional(),
  /** The SDK was recording this session and sent its buffer with the report. */
  has_replay: z.boolean().default(false),
  url: z.string().max(4_000).optional(),
  release: shortText.optional(),
  environment: shortText.optional(),
  user: z
    .strictObject({ id: shortText.optional(), email: shortText.optional(), username: shortText.optional() })
    .optional(),
  /** browser / os / device, as the SDK parses them from the user agent. */
  contexts: z.record(z.string().max(50), z.record(z.string().max(50), z.unknown())).optional(),
  viewport: z.strictObject({ width: z.number().int().min(0), height: z.number().int().min(0) }).optional(),
  breadcrumbs: z.array(breadcrumbSchema).max(100).optional(),
  tags: z.record(z.string().max(200), z.string().max(1_000)).optional(),
  /** The open issue the reporter chose in the widget ("it is this one"): the report is a +1 on it. */
  same_as: z.number().int().positive().optional(),
  /** A screenshot of the page (inputs masked) and files the reporter attached. */
  attachments: z.array(reportFileSchema).max(REPORT_FILES_MAX).optional(),
  /** The SDK transport's own notes. */
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type UserReportInput = z.input<typeof userReportSchema>;
export type UserReport = z.infer<typeof userReportSchema>;

export const userReportBatchSchema = z.strictObject({
  v: z.literal(1),
  sdk: z.strictObject({ name: shortText, version: shortText }).optional(),
  events: z.array(userReportSchema).min(1).max(10),
});
