import type { Generated } from 'kysely';

export interface IngestKeyTable {
  id: Generated<number>;
  workspace_id: number;
  project_id: number;
  name: string;
  public_key: string;
  /** JSON array of origins allowed to send from browsers; empty means any. */
  allowed_origins: string;
  rate_limit_per_minute: number;
  created_at: number;
  revoked_at: number | null;
}

export interface RawEventTable {
  /** The log offset. */
  id: Generated<number>;
  workspace_id: number;
  project_id: number;
  event_id: string;
  received_at: number;
  /** The validated IngestEvent as JSON. */
  payload: string;
}

export interface WorkerOffsetTable {
  name: string;
  position: number;
}

export interface ProjectIngestSettingsTable {
  project_id: number;
  /** Source text of the project's fingerprint rules (core/grouping/fingerprint-rules.ts). */
  fingerprint_rules: string;
  /** JSON array of extra field names to scrub before storage, on top of the defaults. */
  scrub_fields: string;
}

export interface EventGroupTable {
  id: Generated<number>;
  workspace_id: number;
  project_id: number;
  issue_id: number;
  fingerprint: string;
  kind: string;
  title: string;
  culprit: string;
  /** JSON array of what was hashed. */
  components: string;
  first_seen: number;
  last_seen: number;
  event_count: number;
  user_count: number;
  session_count: number;
  first_release: string | null;
  last_release: string | null;
  resolved_in_release: string | null;
  regressed_at: number | null;
}

export interface GroupUserTable {
  group_id: number;
  user_key: string;
  first_seen: number;
}
export interface GroupSessionTable {
  group_id: number;
  session_id: string;
  first_seen: number;
}
export interface GroupHourlyTable {
  group_id: number;
  /** Epoch ms of the start of the hour. */
  hour: number;
  count: number;
}
export interface GroupFacetTable {
  group_id: number;
  facet: string;
  value: string;
  count: number;
}
export interface GroupSampleTable {
  id: Generated<number>;
  group_id: number;
  event_id: string;
  received_at: number;
  payload: string;
}
export interface ProjectReleaseTable {
  project_id: number;
  release: string;
  first_seen: number;
}
export interface SourceMapTable {
  id: Generated<number>;
  project_id: number;
  release: string;
  file_url: string;
  content: string;
  created_at: number;
}

export interface IngestTables {
  ingest_keys: IngestKeyTable;
  raw_events: RawEventTable;
  worker_offsets: WorkerOffsetTable;
  project_ingest_settings: ProjectIngestSettingsTable;
  event_groups: EventGroupTable;
  group_users: GroupUserTable;
  group_sessions: GroupSessionTable;
  group_hourly: GroupHourlyTable;
  group_facets: GroupFacetTable;
  group_samples: GroupSampleTable;
  project_releases: ProjectReleaseTable;
  source_maps: SourceMapTable;
}
