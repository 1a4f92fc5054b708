import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '@closeloop/core/accounts/session-expiry';
import { FRUSTRATION_HOLD_DEFAULT_MS } from '@closeloop/core/grouping/frustration-cause';
import {
  PERFORMANCE_RETENTION_DEFAULT_DAYS,
  PERFORMANCE_RETENTION_MIN_DAYS,
} from '@closeloop/core/performance/retention';
import { z } from 'zod';
import { DEFAULT_PASSWORD_HASH_COST } from './accounts/password.ts';
import { decodeSecretsKey } from './accounts/secrets-key.ts';

const DAY_MS = 24 * 3600 * 1000;

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

/** Configuration is read from the environment once, at start-up, and fails fast with a readable message. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL; leave it unset for embedded SQLite')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  /** all | api | worker (process-role.ts); `--role` on the command line wins. */
  ROLE: z.string().optional(),
  /** `off` for API/ingest-only processes in scale-out mode; run `npm run worker` elsewhere. */
  GROUPING_WORKER: z.enum(['on', 'off']).default('on'),
  /** Where session recordings' bytes go: `database` (default) or `filesystem` (files under REPLAY_DIR). */
  REPLAY_STORE: z.enum(['database', 'filesystem']).default('database'),
  /** Default: <DATA_DIR>/replays. */
  REPLAY_DIR: z.string().optional(),
  /** Days of performance data kept (hourly aggregates, affected sessions, flow pages); at least 8. */
  PERFORMANCE_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(PERFORMANCE_RETENTION_MIN_DAYS, 'must cover the 7-day baseline plus the day judged (at least 8)')
    .default(PERFORMANCE_RETENTION_DEFAULT_DAYS),
  /**
   * How long the grouping worker holds a session's rage/dead click for the error or failed request
   * it may have run into (docs/grouping.md); 0 folds unclaimed clicks at once.
   */
  FRUSTRATION_HOLD_MS: z.coerce.number().int().min(0).max(600_000).default(FRUSTRATION_HOLD_DEFAULT_MS),
  SMTP_URL: z.string().optional(),
  /**
   * Email intake (docs/email-intake.md): the domain whose mail Closeloop takes in, e.g.
   * `mail.example.com`. A mail to `<project>@<domain>` files a report; notification mails get a
   * `reply+<token>@<domain>` Reply-To, and a reply becomes a comment. Unset: no intake at all.
   */
  MAIL_INTAKE_DOMAIN: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'must be a domain name')
    .optional(),
  /** Port of the SMTP listener (API processes); unset (the default) leaves it off. */
  MAIL_INTAKE_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  MAIL_INTAKE_SMTP_HOST: z.string().default('0.0.0.0'),
  /** Largest message taken in (SMTP SIZE and the webhook's body), attachments included. */
  MAIL_INTAKE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** Mails one sender may send a minute (over SMTP and the webhook together); more are refused for later. */
  MAIL_INTAKE_PER_SENDER_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
  /** Shared secret of the inbound-mail webhook (header X-Closeloop-Mail-Secret); unset: the webhook is off. */
  MAIL_INTAKE_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  MAIL_FROM: z.string().default('Closeloop <closeloop@localhost>'),
  NODE_ENV: z.string().default('development'),
  /** Outbound webhooks may reach private ranges (10/8, 172.16/12, 192.168/16, fc00::/7): for self-hosting. */
  WEBHOOK_ALLOW_PRIVATE: flag,
  /** Outbound webhooks may reach loopback (127/8, ::1): for tests and one-machine setups only. */
  WEBHOOK_ALLOW_LOOPBACK: flag,
  /** A single sign-on provider may be on loopback (127/8, ::1, localhost; plain http there): tests and one-machine setups only. */
  SSO_ALLOW_LOOPBACK: flag,
  /** Attempts per delivery; when one delivery uses them all, its endpoint is disabled. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(8),
  /** Deliveries waiting per endpoint; events beyond it are logged as dropped. */
  WEBHOOK_BACKLOG_CAP: z.coerce.number().int().min(1).default(1000),
  /** First retry delay of a delivery (doubling, capped at an hour). */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(100).default(10_000),
  /**
   * The reverse proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDRs (or
   * `loopback`, `linklocal`, `uniquelocal`). Unset: no proxy is trusted, and the client address is
   * the connection's, so a forged header cannot buy a fresh rate-limit budget.
   */
  /**
   * log2 of scrypt's N for new password hashes. Below the default only when NODE_ENV=test: the test
   * suites sign up and in thousands of times, and a weaker hash has no place in a real deployment.
   */
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(DEFAULT_PASSWORD_HASH_COST),
  /** Days without a request after which a sign-in session ends (fractions allowed). */
  SESSION_IDLE_DAYS: z.coerce
    .number()
    .positive()
    .max(365)
    .default(DEFAULT_SESSION_POLICY.idleMs / DAY_MS),
  /** Days after sign-in when a session ends however much it is used. */
  SESSION_MAX_DAYS: z.coerce
    .number()
    .positive()
    .max(365)
    .default(DEFAULT_SESSION_POLICY.absoluteMs / DAY_MS),
  /**
   * The AES-256-GCM key that seals secrets the server must read back (TOTP secrets, SSO client
   * secrets): 32 bytes as 64 hex digits or base64. Unset: `<DATA_DIR>/secrets.key`, made on first
   * use (accounts/secrets-key.ts); processes sharing one PostgreSQL database must share the key.
   */
  SECRETS_KEY: z
    .string()
    .trim()
    .refine((v) => {
      try {
        decodeSecretsKey(v);
        return true;
      } catch {
        return false;
      }
    }, 'must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)')
    .optional(),
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(
      /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?))*$/,
      'comma-separated proxy addresses or CIDRs (e.g. 10.0.0.1,10.1.0.0/16), or loopback',
    )
    .optional(),
});

export type Config = z.infer<typeof envSchema> & {
  publicUrl: string;
  trustProxy: string[] | false;
  session: SessionPolicy;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if ((c.MAIL_INTAKE_SMTP_PORT !== undefined || c.MAIL_INTAKE_WEBHOOK_SECRET) && !c.MAIL_INTAKE_DOMAIN)
    throw new Error(
      'Invalid configuration:\n  MAIL_INTAKE_DOMAIN: required when MAIL_INTAKE_SMTP_PORT or MAIL_INTAKE_WEBHOOK_SECRET is set',
    );
  if (c.PASSWORD_HASH_COST < DEFAULT_PASSWORD_HASH_COST && c.NODE_ENV !== 'test')
    throw new Error(
      `Invalid configuration:\n  PASSWORD_HASH_COST: below ${DEFAULT_PASSWORD_HASH_COST} only for test runs (NODE_ENV=test)`,
    );
  if (c.SESSION_IDLE_DAYS > c.SESSION_MAX_DAYS)
    throw new Error('Invalid configuration:\n  SESSION_IDLE_DAYS: at most SESSION_MAX_DAYS');
  const trustProxy = c.TRUST_PROXY ? c.TRUST_PROXY.split(',').map((a) => a.trim()) : false;
  const session = { idleMs: c.SESSION_IDLE_DAYS * DAY_MS, absoluteMs: c.SESSION_MAX_DAYS * DAY_MS };
  return { ...c, publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`, trustProxy, session };
}
