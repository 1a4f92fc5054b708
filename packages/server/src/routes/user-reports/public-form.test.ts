import { beforeAll, expect, it } from 'vitest';
import { PUBLIC_REPORTS_PER_IP_PER_MINUTE } from '../../commands/public-intake.ts';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

const REPORT = {
  description: 'The order page shows the wrong delivery date',
  steps: 'Order anything, open the order page',
  expected: 'Delivery on Friday',
  actual: 'Delivery in 1970',
  email: 'pat@example.com',
};

describeEachDialect('the public report form', (dialect) => {
  const h = useHarness(dialect);
  let path = '';
  let ipCounter = 0;
  /** Each call comes from its own address unless one is given (the rate is per IP). */
  const submit = (body: unknown, ip = `10.0.0.${++ipCounter}`, form = path) =>
    h.req({
      method: 'POST',
      url: `/api/public/report-forms/${form.split('/').pop()}/reports`,
      remoteAddress: ip,
      payload: body as Record<string, unknown>,
    });
  const reportCount = async () =>
    Number(
      (
        await h.svc.store.db
          .selectFrom('user_reports')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    );

  beforeAll(async () => {
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects',
          as: h.owner,
          payload: { key: 'WEB', name: 'Web shop' },
        })
      ).status,
    ).toBe(201);
  });

  it('is off until an admin turns it on; a member may not, and off looks like not found', async () => {
    const before = await h.req({ method: 'GET', url: '/api/v1/projects/WEB/report-form', as: h.owner });
    expect(before.body).toEqual({ enabled: false, path: '' });
    const member = await h.invite('member');
    const denied = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/WEB/report-form',
      as: member,
      payload: { enabled: true },
    });
    expect(denied.status).toBe(403);
    const on = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/WEB/report-form',
      as: h.owner,
      payload: { enabled: true },
    });
    expect(on.status).toBe(200);
    expect(on.body.enabled).toBe(true);
    path = on.body.path;
    expect(path).toMatch(/^\/report\/[A-Za-z0-9_-]{8,}$/);
    const form = await h.req({ method: 'GET', url: `/api/public/report-forms/${path.split('/').pop()}` });
    expect(form.body).toEqual({
      formId: path.split('/').pop(),
      projectName: 'Web shop',
      template: '',
      required: ['steps', 'expected', 'actual'],
    });
  });

  it('files a report sent without an account and lets its reporter follow it, and only it', async () => {
    const r = await submit(REPORT);
    expect(r.status).toBe(201);
    const token = r.body.trackingToken as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const received = await h.req({ method: 'GET', url: `/api/public/tracking/${token}` });
    expect(received.body).toMatchObject({
      projectName: 'Web shop',
      state: 'received',
      description: REPORT.description,
    });
    await h.svc.jobs.runDue();
    const filed = await h.req({ method: 'GET', url: `/api/public/tracking/${token}` });
    expect(filed.body.state).toBe('open');
    // Nothing else of the workspace reaches the reporter: no issue key, no other reports; only the
    // conversation meant for them (report-conversation.test.ts).
    expect(Object.keys(filed.body).sort()).toEqual([
      'description',
      'messages',
      'projectName',
      'reportedAt',
      'resolution',
      'state',
    ]);
    const issues = await h.req({ method: 'GET', url: '/api/v1/issues?project=WEB&limit=10', as: h.owner });
    const issue = issues.body.items.find((i: { title: string }) => i.title === REPORT.description);
    expect(issue.labels).toContain('user-report');
    const reports = await h.req({
      method: 'GET',
      url: `/api/v1/issues/${issue.key}/user-reports`,
      as: h.owner,
    });
    expect(reports.body.items[0]).toMatchObject({
      source: 'form',
      reporter: { email: 'pat@example.com' },
      gaps: [],
    });
    expect((await h.req({ method: 'GET', url: `/api/public/tracking/${'x'.repeat(32)}` })).status).toBe(404);
  });

  it('keeps nothing a bot sends through the hidden field', async () => {
    const before = await reportCount();
    const r = await submit({ ...REPORT, website: 'http://spam.example' });
    expect(r.status).toBe(201);
    expect(r.body.trackingToken).toBeNull();
    expect(await reportCount()).toBe(before);
  });

  it(`limits one address to ${PUBLIC_REPORTS_PER_IP_PER_MINUTE} reports a minute (429 with Retry-After)`, async () => {
    const answers: number[] = [];
    for (let i = 0; i <= PUBLIC_REPORTS_PER_IP_PER_MINUTE; i++)
      answers.push((await submit(REPORT, '192.0.2.7')).status);
    expect(answers).toEqual([...Array(PUBLIC_REPORTS_PER_IP_PER_MINUTE).fill(201), 429]);
    const limited = await submit(REPORT, '192.0.2.7');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await submit(REPORT, '192.0.2.8')).status).toBe(201);
  });

  it('refuses oversized and empty reports with a 4xx, storing nothing', async () => {
    const before = await reportCount();
    const huge = await submit({ ...REPORT, description: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    const long = await submit({ ...REPORT, steps: 'y'.repeat(9_000) });
    expect(long.status).toBe(400);
    const empty = await submit({ ...REPORT, description: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBeTruthy();
    expect(await reportCount()).toBe(before);
  });

  it('answers 404 once the form is turned off', async () => {
    await h.req({
      method: 'PUT',
      url: '/api/v1/projects/WEB/report-form',
      as: h.owner,
      payload: { enabled: false },
    });
    expect((await submit(REPORT)).status).toBe(404);
    expect(
      (await h.req({ method: 'GET', url: `/api/public/report-forms/${path.split('/').pop()}` })).status,
    ).toBe(404);
    const back = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/WEB/report-form',
      as: h.owner,
      payload: { enabled: true },
    });
    expect(back.body.path).toBe(path); // the link stays the same
  });
});
