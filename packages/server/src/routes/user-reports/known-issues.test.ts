import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { openWebShopForm } from './open-form.ts';

/** Alice's report files an issue; later reporters type something alike on the same form. */
const ALICE = {
  description: 'The checkout page freezes after pressing pay with a saved card',
  steps: 'Add a hat to the cart, open checkout, pick the saved card, press pay',
  expected: 'A confirmation page',
  actual: 'The spinner turns forever',
  name: 'Alice',
  email: 'alice@example.com',
};
const LIKE_IT = 'checkout freezes when I press pay with my saved card';

describeEachDialect('duplicates at the door of the public form', (dialect) => {
  const h = useHarness(dialect);
  let formId = '';
  let ip = 0;
  let issueKey = '';
  let issueId = 0;
  const known = (text: string, from = `10.7.0.${++ip}`) =>
    h.req({
      method: 'GET',
      url: `/api/public/report-forms/${formId}/known-issues?text=${encodeURIComponent(text)}`,
      remoteAddress: from,
    });
  const submit = async (body: Record<string, unknown>) => {
    const r = await h.req({
      method: 'POST',
      url: `/api/public/report-forms/${formId}/reports`,
      remoteAddress: `10.8.0.${++ip}`,
      payload: body,
    });
    expect(r.status).toBe(201);
    await h.svc.jobs.runDue();
  };
  const issues = async () =>
    (await h.req({ method: 'GET', url: '/api/v1/issues?project=WEB&limit=50', as: h.owner })).body.items as {
      key: string;
      id: number;
      title: string;
    }[];

  beforeAll(async () => {
    formId = await openWebShopForm(h);
    await submit(ALICE);
    const [issue] = await issues();
    if (!issue) throw new Error('the first report filed no issue');
    issueKey = issue.key;
    issueId = issue.id;
    // An issue alike in words that the team never answered publicly: its title is never shown.
    await h.req({
      method: 'POST',
      url: '/api/v1/projects/WEB/issues',
      as: h.owner,
      payload: { title: 'Checkout pay button freezes for saved card (internal: Stripe outage)' },
    });
  });

  it('offers nothing until the team has answered the issue publicly (an internal note is not enough)', async () => {
    await h.req({
      method: 'POST',
      url: `/api/v1/issues/${issueKey}/comments`,
      as: h.owner,
      payload: { body: 'Internal: the payment iframe never posts back' },
    });
    const r = await known(LIKE_IT);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ items: [] });
  });

  it('offers the publicly answered open issue by title only: no key, no reporter, no words of theirs', async () => {
    await h.req({
      method: 'POST',
      url: `/api/v1/issues/${issueKey}/comments`,
      as: h.owner,
      payload: { body: 'We are looking into checkout freezes.', visibility: 'public' },
    });
    const r = await known(LIKE_IT);
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([{ id: issueId, title: ALICE.description }]);
    const raw = JSON.stringify(r.body);
    for (const secret of ['alice', 'Alice', 'spinner', 'saved card, press pay', issueKey, 'Stripe', 'iframe'])
      expect(raw).not.toContain(secret);
    expect((await known('unrelated words about shipping labels')).body.items).toEqual([]);
  });

  it('adds a report whose reporter chose the offered issue as a +1 on it instead of a new issue', async () => {
    const before = (await issues()).length;
    await submit({ description: 'Paying freezes. Short one.', sameAs: issueId, name: 'Bob' });
    expect(await issues()).toHaveLength(before);
    const reports = await h.req({
      method: 'GET',
      url: `/api/v1/issues/${issueKey}/user-reports`,
      as: h.owner,
    });
    expect(
      reports.body.items.map((x: { reporter: { name: string }; outcome: string }) => [
        x.reporter.name,
        x.outcome,
      ]),
    ).toEqual([
      ['Alice', 'new'],
      ['Bob', 'plus_one'],
    ]);
  });

  it('files normally when the chosen issue is not one a reporter may be offered', async () => {
    const hidden = (await issues()).find((i) => i.title.includes('Stripe'));
    const before = (await issues()).length;
    await submit({
      description: 'The newsletter signup button does nothing at all',
      sameAs: hidden?.id ?? 0,
    });
    const after = await issues();
    expect(after).toHaveLength(before + 1);
    const reports = await h.req({
      method: 'GET',
      url: `/api/v1/issues/${hidden?.key}/user-reports`,
      as: h.owner,
    });
    expect(reports.body.items).toEqual([]);
  });

  it('stops offering an issue once it is closed', async () => {
    const cur = (await h.req({ method: 'GET', url: `/api/v1/issues/${issueKey}`, as: h.owner })).body;
    const closed = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${issueKey}`,
      as: h.owner,
      payload: { version: cur.version, status: 'done' },
    });
    expect(closed.status).toBeLessThan(300);
    expect((await known(LIKE_IT)).body.items).toEqual([]);
  });

  it('answers 404 for a form that is off, 400 for text past the limit, 429 past the rate per IP', async () => {
    expect((await known('x'.repeat(2_001))).status).toBe(400);
    expect(
      (await h.req({ method: 'GET', url: '/api/public/report-forms/nosuchform123/known-issues?text=pay' }))
        .status,
    ).toBe(404);
    // The bucket refills one look-up a second while the loop runs, so count until the first refusal.
    let allowed = 0;
    let refused: number | null = null;
    while (refused === null && allowed < 200) {
      const status = (await known('pay', '10.9.9.9')).status;
      if (status === 200) allowed++;
      else refused = status;
    }
    expect(refused).toBe(429);
    expect(allowed).toBeGreaterThanOrEqual(60);
  });
});
