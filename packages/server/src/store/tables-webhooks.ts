import type { Generated } from 'kysely';

/** Outbound webhooks (migration 0070). Times are epoch ms; JSON columns are text. */
export interface WebhookEndpointTable {
  id: Generated<number>;
  workspace_id: number;
  /** Null: every project of the workspace. */
  project_id: number | null;
  name: string;
  url: string;
  /** json | slack | mattermost | teams */
  format: string;
  /** JSON string[] of event types. */
  events: string;
  secret: string;
  /** After a rotation, deliveries are signed with this one too until `previous_secret_until`. */
  previous_secret: string | null;
  previous_secret_until: number | null;
  enabled: number;
  disabled_reason: string | null;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface WebhookDeliveryTable {
  id: Generated<number>;
  workspace_id: number;
  endpoint_id: number;
  event_type: string;
  event_id: string;
  issue_id: number | null;
  issue_key: string | null;
  /** Built when the event happened, so a retry or redelivery sends the same body. */
  request_body: string;
  /** JSON headers of the last attempt (signature included). */
  request_headers: string | null;
  /** pending | retrying | delivered | dead | dropped | cancelled */
  state: string;
  attempts: number;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number | null;
  created_at: number;
  last_attempt_at: number | null;
}

export interface WebhookTables {
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
}
