import { loadConfig } from '../config.ts';
import { openStore } from '../store/db.ts';
import { migrateToLatest } from '../store/migrations/migrate.ts';

/** `npm run migrate`: applies pending migrations to the configured database and exits. */
const config = loadConfig();
const store = openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
const applied = await migrateToLatest(store.db, store.dialect);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
await store.close();
