import { z } from 'zod';

/** User reports (feedback widget) as the issue page shows them: the words and the evidence. */

export const reportGapSchema = z.enum(['steps', 'expected', 'actual', 'detail']);
export type ReportGap = z.infer<typeof reportGapSchema>;
/** The prompts a report is asked besides its description; an issue type picks the required ones. */
export const reportPromptSchema = z.enum(['steps', 'expected', 'actual']);

const crumb = z.object({
  timestamp: z.string(),
  type: z.string(),
  message: z.string(),
  level: z.string().nullable(),
});

export const userReportViewSchema = z.object({
  id: z.number(),
  createdAt: z.string(),
  /**
   * widget: the SDK's feedback widget; form: the project's public report form; email: mailed to the
   * project; sentry: user feedback sent by a Sentry SDK (its feedback widget or captureFeedback).
   */
  source: z.enum(['widget', 'form', 'email', 'sentry']),
  /** `new`: this report filed the issue; `plus_one`: it matched this open issue and was added to it. */
  outcome: z.enum(['new', 'plus_one']),
  reporter: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    user: z.string().nullable(),
  }),
  description: z.string(),
  expected: z.string().nullable(),
  actual: z.string().nullable(),
  steps: z.string().nullable(),
  /** What a useful report has and this one lacks (core/intake/report-quality.ts). */
  gaps: z.array(reportGapSchema),
  environment: z.object({
    url: z.string().nullable(),
    release: z.string().nullable(),
    environment: z.string().nullable(),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    viewport: z.string().nullable(),
  }),
  sessionId: z.string().nullable(),
  /** The session has a recording that can be played (joined by session id). */
  hasReplay: z.boolean(),
  errors: z.array(crumb),
  console: z.array(crumb),
  network: z.array(crumb),
  /** Clicks and navigations: what the reporter did before reporting. */
  trail: z.array(crumb),
  /** Files that came with it (a mail's attachments); bytes at GET …/user-reports/attachments/:id. */
  attachments: z.array(
    z.object({ id: z.number(), filename: z.string(), contentType: z.string(), size: z.number() }),
  ),
});
export type UserReportView = z.infer<typeof userReportViewSchema>;

export const userReportListSchema = z.object({ items: z.array(userReportViewSchema) });
export type UserReportList = z.infer<typeof userReportListSchema>;

/** A question to one report's reporter (issue 17.4): a public comment tied to that report alone. */
export const askReporterBody = z.strictObject({
  body: z.string().trim().min(1, 'write a question').max(8_000),
});
export const askReporterAnswerSchema = z.object({
  commentId: z.number(),
  /** The reporter left an address: the question is mailed with a tracking link to answer on. */
  byEmail: z.boolean(),
});
export type AskReporterAnswer = z.infer<typeof askReporterAnswerSchema>;
