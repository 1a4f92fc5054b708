import { EventEmitter } from 'node:events';

/**
 * Who made a change: a person, an automation rule or an SLA escalation. Only a person's priority
 * counts as a labelled example for the severity model (commands/severity.ts).
 */
export type ChangeOrigin = 'person' | 'automation' | 'sla';

/**
 * Every committed change to what a workspace can see is published here once, after its
 * transaction commits. Live updates (SSE), notifications and webhooks subscribe. In embedded mode
 * this is in-process; scale-out mode relays it through PostgreSQL LISTEN/NOTIFY.
 */
export interface Change {
  workspaceId: number;
  type:
    | 'issue.created'
    | 'issue.updated'
    | 'issue.deleted'
    | 'comment.created'
    | 'comment.updated'
    | 'comment.deleted'
    | 'issue.sla_warning'
    | 'issue.sla_breached';
  issueId: number;
  issueKey: string;
  actorId: number | null;
  /** The comment, for comment.* changes. */
  commentId?: number;
  /** Field names that changed, for updates. */
  fields?: string[];
  at: number;
  /** Absent means a person (or the monitor, when actorId is null). */
  origin?: ChangeOrigin;
  /** For changes made by automation rules: the rules that led to it, oldest first (loop protection). */
  automationChain?: number[];
  /** For issue.sla_*: which clock warned or breached (published once per clock by the SLA worker, commands/sla-evaluate.ts). */
  sla?: SlaChange;
}

/** An SLA event: the subject of `issue.sla_warning` / `issue.sla_breached`, for webhooks and automation to subscribe to. */
export interface SlaChange {
  metric: 'first_response' | 'resolution';
  /** ISO instant the target is (or was) reached. */
  dueAt: string | null;
  breachedAt: string | null;
}

export class ChangeBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(change: Change): void {
    this.emitter.emit('change', change);
  }
  subscribe(fn: (change: Change) => void): () => void {
    this.emitter.on('change', fn);
    return () => this.emitter.off('change', fn);
  }
}
