/** SLAs (migration 0065). JSON columns are text the store parses. */
export interface ProjectCalendarTable {
  project_id: number;
  workspace_id: number;
  time_zone: string;
  around_the_clock: number;
  /** JSON ISO weekdays. */
  work_days: string;
  work_start: number;
  work_end: number;
  /** JSON `YYYY-MM-DD`[]. */
  holidays: string;
  updated_at: number;
}

export interface SlaPolicyTable {
  project_id: number;
  workspace_id: number;
  /** JSON SlaPolicy (core/sla). */
  policy: string;
  updated_at: number;
  updated_by: number | null;
}

/** The last evaluation of an issue's clocks (derived; see the migration). */
export interface IssueSlaTable {
  issue_id: number;
  workspace_id: number;
  project_id: number;
  /** core/sla SlaBadge, null when no clock applies. */
  badge: string | null;
  /** Earliest due instant of a running clock. */
  due_at: number | null;
  /** JSON SlaClock[] at `evaluated_at`. */
  clocks: string;
  next_check_at: number | null;
  /** JSON string[] of `metric:warning` / `metric:breached` already announced. */
  announced: string;
  evaluated_at: number;
}

export interface SlaTables {
  project_calendars: ProjectCalendarTable;
  sla_policies: SlaPolicyTable;
  issue_sla: IssueSlaTable;
}
