import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { openWebShopForm } from './open-form.ts';

/** The same words twice: the second report is filed as a +1 on the first one's issue. */
const REPORT = {
  description: 'The order confirmation page shows the wrong delivery date for express orders',
  steps: 'Order anything with express delivery, open the confirmation page',
  expected: 'Delivery tomorrow',
  actual: 'Delivery in 1970',
};
const INTERNAL = 'Internal: the carrier API returns epoch zero, blame the date parser';
const PUBLIC = 'Thanks for reporting! We found the cause and a fix is on its way.';

describeEachDialect('the conversation on a reporter tracking page', (dialect) => {
  const h = useHarness(dialect);
  let formId = '';
  let ip = 0;
  const submit = async (body: unknown) => {
    const r = await h.req({
      method: 'POST',
      url: `/api/public/report-forms/${formId}/reports`,
      remoteAddress: `10.1.0.${++ip}`,
      payload: body as Record<string, unknown>,
    });
    expect(r.status).toBe(201);
    return r.body.trackingToken as string;
  };
  const track = (token: string) => h.req({ method: 'GET', url: `/api/public/tracking/${token}` });
  const reply = (token: string, body: string) =>
    h.req({
      method: 'POST',
      url: `/api/public/tracking/${token}/replies`,
      remoteAddress: `10.2.0.${++ip}`,
      payload: { body },
    });
  let alice = '';
  let bob = '';
  let issueKey = '';

  beforeAll(async () => {
    formId = await openWebShopForm(h);
  });

  it('cannot be answered before the report is filed (409), nor with an unknown token (404)', async () => {
    alice = await submit({ ...REPORT, name: 'Alice' });
    const early = await reply(alice, 'Any news?');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('conflict');
    expect((await reply('z'.repeat(32), 'hello')).status).toBe(404);
    await h.svc.jobs.runDue();
    bob = await submit({ ...REPORT, name: 'Bob' });
    await h.svc.jobs.runDue();
    const issues = await h.req({ method: 'GET', url: '/api/v1/issues?project=WEB&limit=10', as: h.owner });
    expect(issues.body.items).toHaveLength(1); // Bob's report is a +1 on Alice's issue
    issueKey = issues.body.items[0].key;
  });

  it('shows the reporter public replies only: internal comments never reach the tracking answer', async () => {
    const comment = (body: string, visibility?: 'public' | 'internal') =>
      h.req({
        method: 'POST',
        url: `/api/v1/issues/${issueKey}/comments`,
        as: h.owner,
        payload: visibility ? { body, visibility } : { body },
      });
    const internal = await comment(INTERNAL);
    expect(internal.status).toBe(201);
    expect(internal.body.visibility).toBe('internal'); // the default
    expect((await comment(PUBLIC, 'public')).body.visibility).toBe('public');
    expect((await comment('Also internal, said explicitly', 'internal')).status).toBe(201);

    for (const token of [alice, bob]) {
      const t = await track(token);
      expect(t.status).toBe(200);
      expect(t.body.messages).toEqual([expect.objectContaining({ from: 'team', body: PUBLIC })]);
      const raw = JSON.stringify(t.body);
      expect(raw).not.toContain('carrier API');
      expect(raw).not.toContain('Also internal');
      expect(raw).not.toContain(issueKey); // nor the issue key
    }
  });

  it("lands the reporter's reply on the issue for the team, and never shows it to another reporter", async () => {
    const r = await reply(alice, 'It also happens with standard delivery.');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ from: 'you', body: 'It also happens with standard delivery.' });

    const team = await h.req({ method: 'GET', url: `/api/v1/issues/${issueKey}/comments`, as: h.owner });
    const items = (Array.isArray(team.body) ? team.body : team.body.items) as {
      body: string;
      authorId: number | null;
      reportId: number | null;
      visibility: string;
    }[];
    expect(items.find((c) => c.body.startsWith('It also happens'))).toMatchObject({
      authorId: null,
      visibility: 'public',
      reportId: expect.any(Number),
    });

    const mine = await track(alice);
    expect(mine.body.messages.map((m: { from: string }) => m.from)).toEqual(['team', 'you']);
    const theirs = await track(bob);
    expect(JSON.stringify(theirs.body)).not.toContain('standard delivery');
    expect(theirs.body.messages).toHaveLength(1);
  });

  it('refuses an empty reply with a 400 and stores nothing', async () => {
    const r = await reply(alice, '   ');
    expect(r.status).toBe(400);
    expect((await track(alice)).body.messages).toHaveLength(2);
  });
});
