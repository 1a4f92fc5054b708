/** Performance data (migration 0025, docs/performance.md). */
export interface PerfHourlyTable {
  project_id: number;
  /** core/performance/metrics.ts: LCP, INP, CLS, TTFB, FCP, load, dom_content_loaded, api. */
  metric: string;
  /** Route template (`/product/:id`) or endpoint (`POST /api/checkout`). */
  target: string;
  /** Epoch ms of the UTC hour's start. */
  hour: number;
  /** '' when unknown. */
  release: string;
  browser: string;
  count: number;
  /** JSON of core/performance/histogram.ts's sparse bucket counts. */
  buckets: string;
}

export interface PerfSessionHourTable {
  project_id: number;
  metric: string;
  target: string;
  hour: number;
  session_id: string;
  user_key: string | null;
  /** The slowest value this session saw, stored units. */
  max_value: number;
}

export interface SessionPageTable {
  project_id: number;
  session_id: string;
  /** URL path without query. */
  path: string;
  first_at: number;
}

export interface ProjectPerfSettingsTable {
  project_id: number;
  time_zone: string;
  /** JSON: metric → "poor" threshold in display units. */
  thresholds: string;
  factor: number;
  min_samples: number;
  /** JSON array of route patterns (`/product/:slug`). */
  route_patterns: string;
  /** JSON array of { name, steps }. */
  flows: string;
}

export interface PerfIssueTable {
  group_id: number;
  project_id: number;
  metric: string;
  target: string;
  reason: string;
  /** Display units. */
  p75: number;
  baseline: number | null;
  threshold: number | null;
  hour: number;
  slow_days: number;
  days: number;
  time_zone: string;
  window_from: string;
  window_to: string;
  /** Stored units: a session that saw this or worse in a slow hour was affected. */
  affected_level: number;
  description: string;
}

export interface PerformanceTables {
  perf_hourly: PerfHourlyTable;
  perf_session_hours: PerfSessionHourTable;
  session_pages: SessionPageTable;
  project_perf_settings: ProjectPerfSettingsTable;
  perf_issues: PerfIssueTable;
}
