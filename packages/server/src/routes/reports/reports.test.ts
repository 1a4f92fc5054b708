import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { calendarOnly } from '../../test/calendars.ts';
import { describeEachDialect } from '../../test/dialects.ts';

const H = 3_600_000;
const D = 24 * H;
const nov = (day: number, hours = 0) => Date.UTC(2026, 10, day) + hours * H;

/**
 * Reports against a hand-computed answer: a small history is made through the API, then its
 * timestamps are set to fixed moments so every figure can be worked out on paper (comments below).
 */
describeEachDialect('reports', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  const marks: { issueId: number; upTo: number; at: number }[] = [];
  const db = () => h.svc.store.db;

  /** Stamps the history rows a step wrote (every row after the previous mark) with a fixed time. */
  const stamp = async (issueId: number, at: number) => {
    const row = await db()
      .selectFrom('activity')
      .select((eb) => eb.fn.max('id').as('max'))
      .where('issue_id', '=', issueId)
      .executeTakeFirst();
    marks.push({ issueId, upTo: Number(row?.max ?? 0), at });
  };
  const req = async (as: TestUser, method: 'POST' | 'PATCH', url: string, payload: object) => {
    const r = await h.req({ method, url, as, payload });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    return r.body;
  };
  const patch = async (as: TestUser, key: string, payload: object) => {
    const current = (await h.req({ method: 'GET', url: `/api/v1/issues/${key}`, as })).body;
    return req(as, 'PATCH', `/api/v1/issues/${key}`, { version: current.version, ...payload });
  };

  beforeAll(async () => {
    member = await h.invite('member', 'Mia Member');
    await req(h.owner, 'POST', '/api/v1/projects', { key: 'REP', name: 'Reports' });
    await req(h.owner, 'POST', '/api/v1/projects', { key: 'OTH', name: 'Other' });
    // A: reported by the owner, assigned 30 min later, first answered by a comment 2 h later; still open.
    const a = await req(h.owner, 'POST', '/api/v1/projects/REP/issues', { title: 'A', priority: 'high' });
    await stamp(a.id, nov(1, 1));
    await patch(h.owner, a.key, { assigneeUserId: member.id });
    await stamp(a.id, nov(1, 1.5));
    await req(member, 'POST', `/api/v1/issues/${a.key}/comments`, { body: 'Looking' });
    // B: assigned at creation, first answered by a status change 1 h later, closed, reopened, closed.
    const b = await req(h.owner, 'POST', '/api/v1/projects/REP/issues', {
      title: 'B',
      priority: 'urgent',
      assigneeUserId: member.id,
    });
    await stamp(b.id, nov(1, 4));
    await patch(member, b.key, { status: 'in_progress' });
    // Urgent work closes with its lessons-learned record (written by its reporter: not a response).
    const record = await h.req({
      method: 'PUT',
      url: `/api/v1/issues/${b.key}/lessons`,
      as: h.owner,
      payload: { rootCause: 'B had no owner' },
    });
    expect(record.status).toBe(200);
    await stamp(b.id, nov(1, 5));
    await patch(member, b.key, { status: 'done', resolution: 'fixed' });
    await stamp(b.id, nov(2, 2));
    await patch(member, b.key, { status: 'todo' });
    await stamp(b.id, nov(2, 3));
    await patch(member, b.key, { status: 'done', resolution: 'fixed' });
    await stamp(b.id, nov(2, 4));
    // C: created before the period, closed by its own reporter on Nov 3 (not a response).
    const c = await req(h.owner, 'POST', '/api/v1/projects/REP/issues', { title: 'C', priority: 'low' });
    await stamp(c.id, nov(1) - 12 * D);
    await patch(h.owner, c.key, { status: 'done' });
    await stamp(c.id, nov(3));
    // E: its reporter moves it first (not a response); a comment from someone else 6 h after creation is.
    const e = await req(h.owner, 'POST', '/api/v1/projects/REP/issues', { title: 'E' });
    await stamp(e.id, nov(3));
    await patch(h.owner, e.key, { status: 'in_progress' });
    await stamp(e.id, nov(3, 1));
    await req(member, 'POST', `/api/v1/issues/${e.key}/comments`, { body: 'Seen' });
    await db()
      .updateTable('issues')
      .set({ created_at: nov(3) })
      .where('id', '=', e.id)
      .execute();
    await db()
      .updateTable('comments')
      .set({ created_at: nov(3, 6) })
      .where('issue_id', '=', e.id)
      .execute();
    // Another project's issue never counts in REP's report.
    await req(h.owner, 'POST', '/api/v1/projects/OTH/issues', { title: 'elsewhere', priority: 'high' });

    let previous = new Map<number, number>();
    for (const m of marks) {
      await db()
        .updateTable('activity')
        .set({ created_at: m.at })
        .where('issue_id', '=', m.issueId)
        .where('id', '>', previous.get(m.issueId) ?? 0)
        .where('id', '<=', m.upTo)
        .execute();
      previous = previous.set(m.issueId, m.upTo);
    }
    await db()
      .updateTable('issues')
      .set({ created_at: nov(1, 1) })
      .where('id', '=', a.id)
      .execute();
    await db()
      .updateTable('comments')
      .set({ created_at: nov(1, 3) })
      .where('issue_id', '=', a.id)
      .execute();
    await db()
      .updateTable('issues')
      .set({ created_at: nov(1, 4), closed_at: nov(2, 4) })
      .where('id', '=', b.id)
      .execute();
    await db()
      .updateTable('issues')
      .set({ created_at: nov(1) - 12 * D, closed_at: nov(3) })
      .where('id', '=', c.id)
      .execute();
  });

  it('computes every figure of a project report as worked out by hand', async () => {
    const r = await h.req({
      method: 'GET',
      url: '/api/v1/reports?project=REP&from=2026-11-01&to=2026-11-03',
      as: member,
    });
    expect(r.status).toBe(200);
    const report = r.body;
    expect(report).toMatchObject({ project: 'REP', from: '2026-11-01', to: '2026-11-03' });
    // Open on Nov 4: A and E. Created in the period: A, B, E. Closed in it: B (Nov 2), C (Nov 3).
    expect(report.totals).toEqual({ created: 3, closed: 2, openAtEnd: 2 });
    expect(report.openByPriority.find((p: { priority: string }) => p.priority === 'high').count).toBe(1);
    expect(report.openByStatus.find((x: { status: string }) => x.status === 'in_progress').count).toBe(1);
    expect(report.openByStatus.reduce((n: number, x: { count: number }) => n + x.count, 0)).toBe(2);
    expect(report.createdVsClosed).toEqual([
      { date: '2026-11-01', created: 2, closed: 0 },
      { date: '2026-11-02', created: 0, closed: 1 },
      { date: '2026-11-03', created: 1, closed: 1 },
    ]);
    // First response: A 2 h (comment), B 1 h (status change by someone else), E 6 h (its reporter's move does not count).
    expect(report.firstResponse).toEqual({ count: 3, meanMs: 3 * H, medianMs: 2 * H });
    // Acknowledge: A 30 min, B 0 (assigned when created); E was never assigned.
    expect(report.acknowledge).toEqual({ count: 2, meanMs: 0.25 * H, medianMs: 0.25 * H });
    // Resolution: B 24 h, C 14 days.
    expect(report.resolution).toEqual({ count: 2, meanMs: (D + 14 * D) / 2, medianMs: (D + 14 * D) / 2 });
    // A is 2 days 23 hours old at the end of the period, E one day.
    expect(report.ageing.map((b: { count: number }) => b.count)).toEqual([0, 2, 0, 0, 0]);
    // Ever closed: B and C; B was reopened once.
    expect(report.reopenRate).toEqual({ count: 1, of: 2, rate: 0.5 });
    expect(report.regressionRate).toEqual({ count: 0, of: 0, rate: null });
  });

  it('reports the whole workspace when no project is named', async () => {
    const r = await h.req({
      method: 'GET',
      url: '/api/v1/reports?from=2026-11-01&to=2026-11-03',
      as: member,
    });
    expect(r.status).toBe(200);
    expect(r.body.project).toBeNull();
    expect(r.body.totals.closed).toBe(2);
  });

  it('exports a table as CSV', async () => {
    const r = await h.req({
      method: 'GET',
      url: '/api/v1/reports/csv?project=REP&from=2026-11-01&to=2026-11-03&table=response-times',
      as: member,
    });
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toMatch(/^text\/csv/);
    expect(String(r.headers['content-disposition'])).toContain(
      'REP-response-times-2026-11-01-2026-11-03.csv',
    );
    expect(r.body).toBe(
      'measure,issues,mean_hours,median_hours\r\nfirst_response,3,3,2\r\nacknowledge,2,0.25,0.25\r\nresolution,2,180,180\r\n',
    );
  });

  it('answers 4xx for a wrong period, table or project', async () => {
    const bad = async (url: string, status: number) => {
      const r = await h.req({ method: 'GET', url, as: member });
      expect(r.status, url).toBe(status);
      expect(r.body.error.code).toBeTruthy();
    };
    await bad('/api/v1/reports?from=2026-11-05&to=2026-11-01', 400);
    await bad('/api/v1/reports?from=2020-01-01&to=2026-11-01', 400);
    await bad('/api/v1/reports?from=yesterday', 400);
    await bad('/api/v1/reports/csv?table=secrets', 400);
    await bad('/api/v1/reports?project=NOPE', 404);
    const anonymous = await h.req({ method: 'GET', url: '/api/v1/reports' });
    expect(anonymous.status).toBe(401);
  });

  it('counts a project’s days in its business calendar’s time zone (New York, across the end of DST)', async () => {
    const cal = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/REP/sla',
      as: h.owner,
      payload: calendarOnly('America/New_York'),
    });
    expect(cal.status, JSON.stringify(cal.body)).toBe(200);
    const r = await h.req({
      method: 'GET',
      url: '/api/v1/reports?project=REP&from=2026-11-01&to=2026-11-03',
      as: member,
    });
    expect(r.status).toBe(200);
    // 1–3 Nov in New York: 04:00 UTC on the 1st (EDT) to 05:00 UTC on the 4th (EST). A (01:00 UTC on
    // the 1st) was created on 31 Oct there; B on the 1st at midnight, closed at 23:00 the same day;
    // E at 19:00 on the 2nd; C closed at 19:00 on the 2nd.
    expect(r.body.timeZone).toBe('America/New_York');
    expect(r.body.totals).toEqual({ created: 2, closed: 2, openAtEnd: 2 });
    expect(r.body.createdVsClosed).toEqual([
      { date: '2026-11-01', created: 1, closed: 1 },
      { date: '2026-11-02', created: 1, closed: 1 },
      { date: '2026-11-03', created: 0, closed: 0 },
    ]);
    const workspace = await h.req({
      method: 'GET',
      url: '/api/v1/reports?from=2026-11-01&to=2026-11-03',
      as: member,
    });
    expect(workspace.body.timeZone).toBe('UTC');
  });
});
