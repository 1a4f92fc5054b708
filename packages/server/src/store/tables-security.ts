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
  password_resets: PasswordResetTable;
  workspace_sso: WorkspaceSsoTable;
  sso_logins: SsoLoginTable;
  sso_identities: SsoIdentityTable;
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

/** Tables of migration 0151-password-resets. */
export interface PasswordResetTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 of the token mailed to the person; the token itself is never stored. */
  token_hash: string;
  created_at: number;
  expires_at: number;
  /** Set when the token is used: a token works once. */
  used_at: number | null;
}

/** Tables of migration 0190-single-sign-on. */
export interface WorkspaceSsoTable {
  workspace_id: number;
  enabled: number;
  issuer: string;
  client_id: string;
  /** Sealed with SECRETS_KEY (accounts/secret-box.ts); never returned by the API. */
  client_secret: string;
  /** JSON array of lower-case domains. */
  allowed_domains: string;
  /** 1 = members and admins sign in only through the provider; owners keep their password. */
  require_sso: number;
  updated_at: number;
  /** Migration 0192: the claim that lists a person's groups. */
  groups_claim: string;
  /** Migration 0192: JSON [{group, role}]: the role a newcomer of that group joins with. */
  group_roles: string;
}

export interface SsoLoginTable {
  id: Generated<number>;
  /** SHA-256 of the state sent to the provider; the browser holds the state in a cookie too. */
  state_hash: string;
  workspace_id: number;
  nonce: string;
  code_verifier: string;
  next_path: string | null;
  expires_at: number;
}

export interface SsoIdentityTable {
  id: Generated<number>;
  workspace_id: number;
  issuer: string;
  subject: string;
  user_id: number;
  created_at: number;
}
