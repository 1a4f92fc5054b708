import type { AutomationAction, AutomationTrigger } from '@closeloop/shared/api/automation';

/**
 * Automation rules (no code): trigger → condition (a query, checked by the server) → actions.
 * These functions decide whether a change triggers a rule, what edit its actions make, and when
 * loop protection stops a chain of rules reacting to each other's changes.
 */

/** The part of a committed change that triggers look at. */
export interface TriggerEvent {
  type: string;
  /** Changed fields, for updates. */
  fields?: readonly string[];
  /** The status after the change. */
  status: string;
  /** For `issue.threshold`: a machine-found issue's counts before and after one batch of events. */
  counts?: CountsMoved;
}

/** Event and affected-user counts of a machine-found issue before and after one grouping batch. */
export interface CountsMoved {
  events: readonly [from: number, to: number];
  users: readonly [from: number, to: number];
}

type ThresholdTrigger = Extract<AutomationTrigger, { type: 'threshold' }>;

/** A count crosses a threshold in the batch that takes it from below `count` to `count` or more: once. */
export function thresholdCrossed(t: Pick<ThresholdTrigger, 'metric' | 'count'>, c: CountsMoved): boolean {
  const [from, to] = c[t.metric];
  return from < t.count && to >= t.count;
}

export function triggerMatches(t: AutomationTrigger, e: TriggerEvent): boolean {
  switch (t.type) {
    case 'issue.created':
      return e.type === 'issue.created';
    case 'field.changed':
      return e.type === 'issue.updated' && (e.fields ?? []).includes(t.field);
    case 'status.entered':
      return (
        (e.type === 'issue.updated' && (e.fields ?? []).includes('status') && e.status === t.status) ||
        (e.type === 'issue.created' && e.status === t.status)
      );
    case 'comment.added':
      return e.type === 'comment.created';
    case 'sla.warning':
      return e.type === 'issue.sla_warning';
    case 'sla.breached':
      return e.type === 'issue.sla_breached';
    case 'regression':
      // The grouping worker's reopen names the `regression` field (ingest/group-worker.ts).
      return e.type === 'issue.updated' && (e.fields ?? []).includes('regression');
    case 'threshold':
      return e.type === 'issue.threshold' && e.counts !== undefined && thresholdCrossed(t, e.counts);
    case 'schedule':
      // Not a reaction to a change: the scheduler runs these rules (core/automation/schedule.ts).
      return false;
  }
}

export interface PlannedEdit {
  edit: {
    priority?: string;
    status?: string;
    assigneeUserId?: number | null;
    assigneeTeamId?: number | null;
    labels?: string[];
  };
  comments: string[];
  /** Who the notify actions reach, before the assignee and lead are looked up. */
  notify: { assignee: boolean; teamLead: boolean; userIds: number[] } | null;
  /** Outbound webhooks the change that fired the rule is sent to. */
  webhookIds: number[];
}

/** One edit (applied through the normal issue rules) and the comments a rule's actions make. */
export function planActions(actions: readonly AutomationAction[], labels: readonly string[]): PlannedEdit {
  const out: PlannedEdit = { edit: {}, comments: [], notify: null, webhookIds: [] };
  for (const a of actions) {
    if (a.type === 'set_priority') out.edit.priority = a.priority;
    else if (a.type === 'set_status') out.edit.status = a.status;
    else if (a.type === 'assign_user') out.edit.assigneeUserId = a.userId;
    else if (a.type === 'assign_team') out.edit.assigneeTeamId = a.teamId;
    else if (a.type === 'add_label') {
      const now = out.edit.labels ?? [...labels];
      if (!now.includes(a.label)) now.push(a.label);
      out.edit.labels = now;
    } else if (a.type === 'notify') {
      const n = out.notify ?? { assignee: false, teamLead: false, userIds: [] };
      n.assignee ||= a.assignee;
      n.teamLead ||= a.teamLead;
      for (const id of a.userIds) if (!n.userIds.includes(id)) n.userIds.push(id);
      out.notify = n;
    } else if (a.type === 'send_webhook') {
      if (!out.webhookIds.includes(a.webhookId)) out.webhookIds.push(a.webhookId);
    } else out.comments.push(a.body);
  }
  if (out.edit.labels && out.edit.labels.length === labels.length) delete out.edit.labels;
  return out;
}

/** Longest chain of rule-made changes followed from one change by a person or the monitor. */
export const MAX_CHAIN = 5;

/**
 * Loop protection: a change made by automation carries the rules that led to it. A rule never
 * fires twice in one chain, and a chain stops after MAX_CHAIN rule firings, so two rules that
 * undo each other's change (or a rule that comments on comments) end after one round.
 */
export function loopVerdict(chain: readonly number[], ruleId: number): 'fire' | 'already-fired' | 'too-long' {
  if (chain.includes(ruleId)) return 'already-fired';
  if (chain.length >= MAX_CHAIN) return 'too-long';
  return 'fire';
}
