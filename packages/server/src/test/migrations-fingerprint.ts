import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A hash of every migration source: migrated databases kept between test files and runs (the SQLite
 * template, the pooled PostgreSQL schemas) are rebuilt when it changes, so a migration edited or added
 * on a branch is never tested against a stale schema.
 */
export function migrationsFingerprint(): string {
  const dir = join(import.meta.dirname, '../store/migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(dir, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
