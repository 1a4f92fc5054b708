import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProjectWithKey } from '../../routes/sentry/sentry-test-kit.ts';
import { useHarness } from '../../test/api-client.ts';
import { ingestRequest, messageEvent } from '../../test/ingest-requests.ts';

/**
 * Regression for issue 9.11: with the disk full, REST writes answered 500 (SQLITE_FULL surfaces
 * as "cannot rollback - no transaction is active" once Kysely tries to roll back). A database
 * capped with PRAGMA max_page_count is a full disk as SQLite sees it: writes and ingest answer 503
 * with Retry-After, reads still work, and nothing already stored is lost.
 */

describe('a full SQLite database [sqlite]', () => {
  const h = useHarness('sqlite');
  let publicKey: string;

  beforeAll(async () => {
    publicKey = (await createProjectWithKey(h, 'SHOP')).publicKey;
  });

  const createIssue = (title: string) =>
    h.req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/issues',
      as: h.owner,
      payload: { title, description: 'x'.repeat(2_000) },
    });
  const ingest = () => h.req(ingestRequest(publicKey, [messageEvent('x'.repeat(3_000))]));
  const pragma = async (text: string) =>
    (await sql.raw(`PRAGMA ${text}`).execute(h.svc.store.db)).rows[0] as Record<string, number>;

  it('answers writes and ingest with 503 and Retry-After, keeps reads and everything stored', async () => {
    const created: string[] = [];
    for (let i = 0; i < 3; i++) created.push((await createIssue(`before ${i}`)).body.key);
    const pages = Object.values(await pragma('page_count'))[0]!;
    await pragma(`max_page_count = ${pages}`);

    // Free pages may take a few more rows; then the database is full.
    const seen: number[] = [];
    let full: Awaited<ReturnType<typeof createIssue>> | undefined;
    for (let i = 0; i < 200 && !full; i++) {
      const r = await createIssue(`filling ${i}`);
      seen.push(r.status);
      if (r.status === 201) created.push(r.body.key);
      else full = r;
    }
    expect(seen.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(full?.status).toBe(503);
    expect(full?.headers['retry-after']).toBe('5');
    expect(full?.body.error.code).toBe('unavailable');
    // Each further write is refused the same way, not with a 500.
    for (let i = 0; i < 3; i++) {
      const again = await createIssue(`still full ${i}`);
      expect(again.status).toBe(503);
      expect(again.headers['retry-after']).toBeDefined();
    }
    const comment = await h.req({
      method: 'POST',
      url: `/api/v1/issues/${created[0]}/comments`,
      as: h.owner,
      payload: { body: 'y'.repeat(5_000) },
    });
    expect(comment.status).toBe(503);
    let ingested = await ingest();
    for (let i = 0; i < 50 && ingested.status === 202; i++) ingested = await ingest();
    expect(ingested.status).toBe(503);
    expect(ingested.headers['retry-after']).toBeDefined();

    const read = await h.req({ method: 'GET', url: '/api/v1/issues?project=SHOP&limit=200', as: h.owner });
    expect(read.status).toBe(200);
    expect(read.body.items.map((i: { key: string }) => i.key).sort()).toEqual([...created].sort());

    // Space comes back: writes succeed again and nothing acknowledged was lost.
    await pragma('max_page_count = 1073741823');
    expect((await createIssue('after')).status).toBe(201);
    const after = await h.req({ method: 'GET', url: '/api/v1/issues?project=SHOP&limit=200', as: h.owner });
    expect(after.body.items).toHaveLength(created.length + 1);
    expect(await pragma('integrity_check')).toEqual({ integrity_check: 'ok' });
  });
});
