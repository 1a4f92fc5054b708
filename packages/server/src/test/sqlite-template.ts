import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/db.ts';
import { migrateToLatest } from '../store/migrations/migrate.ts';
import { migrationsFingerprint } from './migrations-fingerprint.ts';

/**
 * A migrated SQLite file that test stores start from by copy: migrating costs ~150 ms per store and
 * the suites open hundreds. Kept in the temporary folder under the migrations' fingerprint, made once
 * by whichever test file needs it first; made under a unique name and renamed into place so a
 * parallel worker never copies a half-written file.
 */
export async function migratedSqliteTemplate(): Promise<string> {
  const path = join(tmpdir(), `closeloop-test-template-${migrationsFingerprint()}.db`);
  if (existsSync(path)) return path;
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-template-'));
  try {
    const store = openStore({ dataDir: dir });
    await migrateToLatest(store.db, 'sqlite');
    // Closing the last connection checkpoints the WAL into the main file and removes it.
    await store.close();
    renameSync(join(dir, 'closeloop.db'), path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return path;
}

/** A data folder holding a copy of the migrated template, as `openStore({ dataDir })` expects it. */
export async function sqliteDataDirFromTemplate(): Promise<string> {
  const template = await migratedSqliteTemplate();
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-test-'));
  mkdirSync(dir, { recursive: true });
  copyFileSync(template, join(dir, 'closeloop.db'));
  return dir;
}
