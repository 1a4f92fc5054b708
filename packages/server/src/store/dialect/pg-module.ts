import { createRequire } from 'node:module';
import type pgTypes from 'pg';

let pg: typeof pgTypes | undefined;

/**
 * The pg driver, loaded on first use: embedded mode (SQLite) never needs it, and loading it at
 * start cost 1.6 MB of heap and ~3.5 MB of RSS on an idle server (bench/RESULTS.md, memory).
 * A synchronous require (pg is CommonJS), so opening a store stays synchronous.
 */
export function pgModule(): typeof pgTypes {
  if (!pg) {
    pg = createRequire(import.meta.url)('pg') as typeof pgTypes;
    // Times are stored as BIGINT epoch milliseconds; they fit a JS number exactly, so read them as numbers.
    pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
    pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
  }
  return pg;
}
