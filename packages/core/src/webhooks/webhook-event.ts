/**
 * What an outbound webhook says about one change: the JSON body receivers of the `json` format
 * get, and the input of the chat message formatters. Built by the server from committed data.
 */
export interface WebhookIssue {
  key: string;
  title: string;
  url: string;
  type: string;
  status: string;
  priority: string;
  assignee: string | null;
  team: string | null;
  labels: string[];
}

export interface WebhookEvent {
  /** Unique per event; receivers dedupe on it (deliveries are at least once). */
  id: string;
  type: string;
  occurredAt: string;
  project: { key: string } | null;
  actor: { id: number; name: string } | null;
  /** person | automation | sla. */
  origin: string;
  /** Changed fields, for updates. */
  fields?: string[];
  /** Null when the issue is gone (issue.deleted). */
  issue: WebhookIssue | null;
  issueKey: string;
  comment?: { id: number; excerpt: string };
  /** For issue.sla_*: the clock that warned or breached (`first_response` | `resolution`) and its instants. */
  sla?: { metric: string; dueAt: string | null; breachedAt: string | null };
}

/** Whether an endpoint subscribed to this event type. */
export function endpointWants(events: readonly string[], type: string): boolean {
  return events.includes(type);
}
