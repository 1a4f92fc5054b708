import type { Config } from './config.ts';

/**
 * What a process does. `all` (the default, and embedded mode): HTTP API, ingest, the grouping
 * worker and the job queue in one. `api`: HTTP and ingest only, behind a load balancer.
 * `worker`: grouping and jobs only, no HTTP. On PostgreSQL any number of each run together.
 */
export type ProcessRole = 'all' | 'api' | 'worker';
const ROLES: readonly ProcessRole[] = ['all', 'api', 'worker'];

/**
 * `--role X` or `--role=X` on the command line (`npm start -- --role api`), else ROLE, else
 * GROUPING_WORKER=off (the older spelling of `api`), else `all`.
 */
export function processRole(
  argv: readonly string[],
  config: Pick<Config, 'ROLE' | 'GROUPING_WORKER'>,
): ProcessRole {
  let given: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--role') given = argv[i + 1] ?? '';
    else if (arg.startsWith('--role=')) given = arg.slice('--role='.length);
  });
  given ??= config.ROLE;
  if (given === undefined) return config.GROUPING_WORKER === 'off' ? 'api' : 'all';
  if (!(ROLES as readonly string[]).includes(given))
    throw new Error(`--role must be one of ${ROLES.join(', ')} (got "${given}")`);
  return given as ProcessRole;
}
