import { z } from 'zod';

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
  /** `off` for API/ingest-only processes in scale-out mode; run `npm run worker` elsewhere. */
  GROUPING_WORKER: z.enum(['on', 'off']).default('on'),
  /** Where session recordings' bytes go: `database` (default) or `filesystem` (files under REPLAY_DIR). */
  REPLAY_STORE: z.enum(['database', 'filesystem']).default('database'),
  /** Default: <DATA_DIR>/replays. */
  REPLAY_DIR: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Closeloop <closeloop@localhost>'),
  NODE_ENV: z.string().default('development'),
});

export type Config = z.infer<typeof envSchema> & { publicUrl: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return { ...c, publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}` };
}
