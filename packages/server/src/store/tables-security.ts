import type { Generated } from 'kysely';

/** Tables of migration 0085-login-throttles. */
export interface LoginThrottleTable {
  /** Lower-cased, as users.email. */
  email: string;
  failures: number;
  locked_until: number | null;
  last_failure_at: number;
}

export interface SecurityTables {
  login_throttles: LoginThrottleTable;
  audit_log: AuditLogTable;
}

/** Tables of migration 0086-audit-log. */
export interface AuditLogTable {
  id: Generated<number>;
  workspace_id: number;
  actor_id: number | null;
  actor_name: string | null;
  /** e.g. auth.sign_in, member.role_changed (commands/audit.ts lists them). */
  action: string;
  /** What it was done to, in words: an email, a token name, a project key. */
  target: string | null;
  /** JSON object. */
  details: string;
  ip: string | null;
  created_at: number;
}
