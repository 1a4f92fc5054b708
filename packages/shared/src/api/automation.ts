import { z } from 'zod';
import { PRIORITIES } from '../issue-fields.ts';

/**
 * When a rule is looked at. `sla.warning` / `sla.breached` fire on the SLA worker's announcements
 * (once per clock); `regression` when the grouping worker reopens a fixed machine-found issue.
 * Event-count/user thresholds and schedule triggers are not built yet.
 */
export const automationTrigger = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('issue.created') }),
  z.strictObject({ type: z.literal('field.changed'), field: z.string().min(1).max(50) }),
  z.strictObject({ type: z.literal('status.entered'), status: z.string().min(1).max(50) }),
  z.strictObject({ type: z.literal('comment.added') }),
  z.strictObject({ type: z.literal('sla.warning') }),
  z.strictObject({ type: z.literal('sla.breached') }),
  z.strictObject({ type: z.literal('regression') }),
  z.strictObject({
    type: z.literal('threshold'),
    metric: z.enum(['events', 'users']),
    count: z.number().int().min(1).max(1_000_000_000),
  }),
  z.strictObject({
    type: z.literal('schedule'),
    /** Local wall-clock time, `HH:MM`, in the project's calendar time zone. */
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM'),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5, 6, 7]),
  }),
]);
export type AutomationTrigger = z.infer<typeof automationTrigger>;

export const automationAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('set_priority'), priority: z.enum(PRIORITIES) }),
  z.strictObject({ type: z.literal('set_status'), status: z.string().min(1).max(50) }),
  z.strictObject({ type: z.literal('assign_user'), userId: z.number().int().positive().nullable() }),
  z.strictObject({ type: z.literal('assign_team'), teamId: z.number().int().positive().nullable() }),
  z.strictObject({ type: z.literal('add_label'), label: z.string().trim().min(1).max(50) }),
  z.strictObject({ type: z.literal('comment'), body: z.string().trim().min(1).max(5_000) }),
  /** An in-app notification (kind `automation`) to the assignee, the assignee team's lead and/or chosen people. */
  z.strictObject({
    type: z.literal('notify'),
    assignee: z.boolean().default(false),
    teamLead: z.boolean().default(false),
    userIds: z.array(z.number().int().positive()).max(20).default([]),
  }),
  /** The change that fired the rule, delivered to one chosen outbound webhook (whatever events it subscribes to). */
  z.strictObject({ type: z.literal('send_webhook'), webhookId: z.number().int().positive() }),
]);
export type AutomationAction = z.infer<typeof automationAction>;

export const automationRule = z.strictObject({
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  trigger: automationTrigger,
  /** A query in the query language; empty matches every issue. */
  condition: z.string().max(2_000).default(''),
  actions: z.array(automationAction).min(1).max(10),
});
export type AutomationRule = z.infer<typeof automationRule>;

/**
 * The whole ordered list of a project's rules. A rule that already exists carries its `id`, so it
 * keeps its identity (execution log, loop protection, schedule slot) across edits and reordering;
 * a rule without one is new; an existing rule left out is removed.
 */
export const automationRulesBody = z.strictObject({
  rules: z.array(automationRule.extend({ id: z.number().int().positive().optional() })).max(100),
});

export const automationRunsQuery = z.strictObject({
  /** Only the runs of this rule (the rule's own execution log). */
  ruleId: z.coerce.number().int().positive().optional(),
});

export const automationPreviewBody = z.strictObject({
  condition: z.string().max(2_000),
  /** Which issues the trigger would have fired on in the window; without it, the issues created in it. */
  trigger: automationTrigger.optional(),
});

export const automationRunSchema = z.object({
  id: z.number(),
  ruleId: z.number(),
  ruleName: z.string(),
  issueKey: z.string(),
  /** applied | skipped (loop protection) | failed */
  outcome: z.string(),
  detail: z.string(),
  at: z.string(),
});
export type AutomationRun = z.infer<typeof automationRunSchema>;
