import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, inflateSync } from 'node:zlib';
import type { Services } from '@closeloop/server/services';
import { sql } from 'kysely';

/** Where a needle was found: `table.column` or a file path, and whether after decompression. */
export type Found = { where: string; decompressed: boolean };

/** The byte strings inside `data`: itself, and what gzip or zlib inside it expands to (nested too). */
function layers(data: Buffer, depth = 0): { bytes: Buffer; decompressed: boolean }[] {
  const out = [{ bytes: data, decompressed: depth > 0 }];
  if (depth > 2 || data.length < 3) return out;
  const tries: ((b: Buffer) => Buffer)[] = [];
  if (data[0] === 0x1f && data[1] === 0x8b) tries.push(gunzipSync);
  if (data[0] === 0x78) tries.push(inflateSync);
  for (const expand of tries) {
    try {
      out.push(...layers(expand(data), depth + 1));
    } catch {
      // not compressed after all
    }
  }
  return out;
}

function bytesOf(value: unknown): Buffer | undefined {
  if (value === null || value === undefined) return undefined;
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (typeof value === 'object') return Buffer.from(JSON.stringify(value), 'utf8');
  return Buffer.from(String(value), 'utf8');
}

function search(data: Buffer, where: string, needles: readonly string[], found: Map<string, Found[]>) {
  for (const layer of layers(data))
    for (const needle of needles)
      if (layer.bytes.includes(Buffer.from(needle, 'utf8')))
        found.get(needle)?.push({ where, decompressed: layer.decompressed });
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * Searches everything a server stored for each needle: every cell of every table of its database
 * (blobs gunzipped/inflated too) and every file under its data directory (the SQLite database and
 * its WAL byte for byte, filesystem replay chunks gunzipped). Returns where each needle was found.
 */
export async function findInStoredBytes(
  svc: Services,
  dataDir: string,
  needles: readonly string[],
): Promise<Map<string, Found[]>> {
  const found = new Map(needles.map((n) => [n, [] as Found[]]));
  const db = svc.store.db;
  const tables =
    svc.store.dialect === 'sqlite'
      ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db)
      : await sql<{
          name: string;
        }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(
          db,
        );
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(db);
    for (const row of rows.rows)
      for (const [column, value] of Object.entries(row)) {
        const data = bytesOf(value);
        if (data) search(data, `${name}.${column}`, needles, found);
      }
  }
  for (const path of files(dataDir)) search(readFileSync(path), path, needles, found);
  return found;
}
