import { z } from 'zod';
import { reportPromptSchema } from './user-reports.ts';

/** The public report form (no sign-in) and the reporter's tracking page. */

const answer = z.string().max(8_000).optional();

export const publicReportBody = z.strictObject({
  description: z.string().trim().min(1, 'describe what went wrong').max(16_000),
  steps: answer,
  expected: answer,
  actual: answer,
  name: z.string().max(200).optional(),
  email: z.union([z.literal(''), z.email().max(320)]).optional(),
  /** The honeypot: hidden from people, filled in by bots. */
  website: z.string().max(1_000).optional(),
  /** The offered issue the reporter chose ("it is this one"): the report is a +1 on it. */
  sameAs: z.number().int().positive().optional(),
});
export type PublicReportBody = z.infer<typeof publicReportBody>;

/** What the reporter has typed so far, to offer open issues that look the same. */
export const knownIssuesQuery = z.object({ text: z.string().max(2_000) });

/** Issues offered at the door: a title and an id to choose it by, nothing else (issue 17.5). */
export const knownIssuesSchema = z.object({
  items: z.array(z.object({ id: z.number(), title: z.string() })),
});
export type KnownIssues = z.infer<typeof knownIssuesSchema>;

export const publicFormSchema = z.object({
  formId: z.string(),
  projectName: z.string(),
  /** The report rules of the issue type reports are filed as: the description's starting text … */
  template: z.string(),
  /** … and the prompts the form requires. */
  required: z.array(reportPromptSchema),
});
export type PublicForm = z.infer<typeof publicFormSchema>;

/** What the feedback widget asks before it opens (by ingest key): the same rules as the public form. */
export const widgetFormSchema = publicFormSchema.pick({ template: true, required: true });
export type WidgetForm = z.infer<typeof widgetFormSchema>;

export const publicReceiptSchema = z.object({
  /** Secret: whoever holds it can follow this report. null when the report was not kept (honeypot). */
  trackingToken: z.string().nullable(),
});

/** One message of the conversation a reporter sees: the team's public replies and their own. */
export const trackingMessageSchema = z.object({
  id: z.number(),
  at: z.string(),
  /** team: a public reply of the project's team (no names); you: the reporter's own reply. */
  from: z.enum(['team', 'you']),
  body: z.string(),
  /** Markdown rendered to sanitised HTML. */
  bodyHtml: z.string(),
});
export type TrackingMessage = z.infer<typeof trackingMessageSchema>;

export const trackingSchema = z.object({
  projectName: z.string(),
  reportedAt: z.string(),
  description: z.string(),
  /** received: not filed yet; open / in_progress / closed: the status category of its issue. */
  state: z.enum(['received', 'open', 'in_progress', 'closed']),
  resolution: z.string().nullable(),
  /** Oldest first. Never internal comments, never another reporter's exchange (issue 17.6). */
  messages: z.array(trackingMessageSchema),
});
export type Tracking = z.infer<typeof trackingSchema>;

export const reportFormSettingsBody = z.strictObject({ enabled: z.boolean() });
export const reportFormSettingsSchema = z.object({
  enabled: z.boolean(),
  /** The form's public path, e.g. /report/3f…; stable while the project exists. */
  path: z.string(),
});
export type ReportFormSettings = z.infer<typeof reportFormSettingsSchema>;

/** A reporter's reply from their tracking page: it becomes a comment on the issue. */
export const trackingReplyBody = z.strictObject({
  body: z.string().trim().min(1, 'write a reply').max(8_000),
});
export type TrackingReplyBody = z.infer<typeof trackingReplyBody>;
