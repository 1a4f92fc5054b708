import type { Generated } from 'kysely';

/** An event of the raw log that the grouping worker set aside (migration 0009). */
export interface DeadEventTable {
  id: Generated<number>;
  workspace_id: number;
  project_id: number;
  /** `raw_events.id` of the event; the event stays in the log. */
  raw_event_id: number;
  event_id: string;
  error: string;
  attempts: number;
  failed_at: number;
  /** Set when an admin asks for another try; the worker clears it by processing the event. */
  retry_requested_at: number | null;
}

export interface DeadEventTables {
  dead_events: DeadEventTable;
}
