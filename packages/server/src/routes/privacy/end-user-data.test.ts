import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { findInStoredBytes } from '../../../../web/e2e/stored-bytes.ts';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { errorEvent, ingestRequest } from '../../test/ingest-requests.ts';

const hex = () => randomBytes(16).toString('hex');
// Who asked to be forgotten, and someone who did not.
const RITA = { id: 'u-rita-7781', email: 'rita.private@example.com', session: 'sess-rita-5521' };
const OTTO = { id: 'u-otto-3390', email: 'otto.stays@example.com', session: 'sess-otto-9902' };

describeEachDialect('deleting an end user’s data on request', (dialect) => {
  const h = useHarness(dialect);
  let publicKey: string;
  const needles = (p: typeof RITA) => [p.id, p.email, p.session];

  /** What the SDKs send for one person: two error events, a replay and a user report. */
  const sendAll = async (p: typeof RITA) => {
    const user = { id: p.id, email: p.email };
    const events = ['CheckoutError', 'CartError'].map((t) => errorEvent(t, { user, session_id: p.session }));
    expect((await h.req(ingestRequest(publicKey, events))).status).toBe(202);
    const at = Date.now() - 60_000;
    const replay = await h.req({
      method: 'POST',
      url: `/api/ingest/v1/replays?key=${publicKey}`,
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({
        v: 1,
        events: [
          {
            event_id: hex(),
            session_id: p.session,
            seq: 0,
            started_at: at,
            ended_at: at + 9_000,
            url: 'https://shop.test/cart',
            user: { id: p.id },
            events: [{ type: 4, timestamp: at, data: { who: p.email } }],
          },
        ],
      }),
    });
    expect(replay.status).toBe(202);
    const report = await h.req({
      method: 'POST',
      url: `/api/ingest/v1/reports?key=${publicKey}`,
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({
        v: 1,
        events: [
          {
            event_id: hex(),
            timestamp: Date.now(),
            description: 'The pay button does nothing',
            email: p.email,
            session_id: p.session,
            user: { id: p.id },
          },
        ],
      }),
    });
    expect(report.status).toBe(202);
  };

  beforeAll(async () => {
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'SHOP', name: 'Shop' },
    });
    publicKey = (
      await h.req({
        method: 'POST',
        url: '/api/v1/projects/SHOP/ingest-keys',
        as: h.owner,
        payload: { name: 'w' },
      })
    ).body.publicKey;
    await sendAll(RITA);
    await sendAll(OTTO);
    await h.svc.ingest.worker.drain();
    await h.svc.jobs.runDue();
  });

  it('deletes the events, sessions, replays and reports of the person named by user id, and nobody else’s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'end-user-'));
    const before = await findInStoredBytes(h.svc, dir, needles(RITA));
    // Planted: each of the person's identifiers is stored somewhere before the request.
    for (const n of needles(RITA)) expect(before.get(n)!.length, n).toBeGreaterThan(0);

    const member = await h.invite('member');
    const refused = await h.req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/end-user-data/delete',
      as: member,
      payload: { userId: RITA.id },
    });
    expect(refused.status).toBe(403);

    const r = await h.req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/end-user-data/delete',
      as: h.owner,
      payload: { userId: RITA.id },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ events: 2, replays: 1, reports: 1 });
    expect(r.body.sessions).toBeGreaterThanOrEqual(1);

    const after = await findInStoredBytes(h.svc, dir, [...needles(RITA), ...needles(OTTO)]);
    for (const n of needles(RITA)) expect(after.get(n), n).toEqual([]);
    // The other person's data is untouched.
    for (const n of needles(OTTO)) expect(after.get(n)!.length, n).toBeGreaterThan(0);

    const log = await h.req({ method: 'GET', url: '/api/v1/audit-log', as: h.owner });
    const entry = log.body.items.find((e: { action: string }) => e.action === 'end_user.data_deleted');
    expect(entry.details).toMatchObject({ events: 2, replays: 1, reports: 1, by: 'user id' });
    expect(entry.target).toMatch(/^SHOP: end user [0-9a-f]{12}$/);
  });

  it('deletes by the email the SDK reported, and answers zeros for someone unknown', async () => {
    const r = await h.req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/end-user-data/delete',
      as: h.owner,
      payload: { email: 'OTTO.stays@example.com' },
    });
    expect(r.body).toMatchObject({ events: 2, reports: 1 });
    const after = await findInStoredBytes(h.svc, mkdtempSync(join(tmpdir(), 'end-user-')), [OTTO.email]);
    expect(after.get(OTTO.email)).toEqual([]);
    const none = await h.req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/end-user-data/delete',
      as: h.owner,
      payload: { userId: 'never-seen' },
    });
    expect(none.body).toEqual({ events: 0, sessions: 0, replays: 0, reports: 0 });
  });
});
