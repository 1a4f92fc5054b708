import type { Generated } from 'kysely';

/** A session's rage/dead click held by the grouping worker until its cause may have arrived (migration 0110). */
export interface FrustrationHoldTable {
  id: Generated<number>;
  workspace_id: number;
  project_id: number;
  raw_event_id: number;
  event_id: string;
  session_id: string;
  type: string;
  selector: string;
  click_text: string | null;
  route: string;
  click_count: number;
  started_at: number;
  ended_at: number;
  /** When the worker folds it as a frustration issue of its own if nothing claimed it. */
  release_at: number;
}

/** An error or failed request of a session, remembered for a frustration event that arrives after it. */
export interface SessionFailureTable {
  id: Generated<number>;
  project_id: number;
  session_id: string;
  /** Client time of the failure. */
  at: number;
  group_id: number;
  event_id: string;
  received_at: number;
}

/** A rage/dead click that ran into a failure: evidence on the failure's group, not an issue of its own. */
export interface FrustrationEvidenceTable {
  id: Generated<number>;
  workspace_id: number;
  project_id: number;
  group_id: number;
  event_id: string;
  session_id: string;
  type: string;
  selector: string;
  click_text: string | null;
  route: string;
  click_count: number;
  started_at: number;
  ended_at: number;
  failure_event_id: string;
  failure_at: number;
  created_at: number;
}

export interface FrustrationTables {
  frustration_holds: FrustrationHoldTable;
  session_failures: SessionFailureTable;
  frustration_evidence: FrustrationEvidenceTable;
}
