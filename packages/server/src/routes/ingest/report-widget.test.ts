import { randomBytes } from 'node:crypto';
import type { UserReportInput } from '@closeloop/shared/ingest/user-report';
import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { createProjectWithKey, type ProjectKey } from '../sentry/sentry-test-kit.ts';

const hex = () => randomBytes(16).toString('hex');
const FIRST = 'The checkout page freezes after pressing pay with a saved card';

/** The feedback widget reads the project's report rules and offers known issues by ingest key (issue 17). */
describeEachDialect('the feedback widget’s prompts and duplicates at the door', (dialect) => {
  const h = useHarness(dialect);
  let key: ProjectKey;
  let issueId = 0;
  let issueKey = '';
  let ip = 0;
  const send = (reports: UserReportInput[]) =>
    h.req({
      method: 'POST',
      url: `/api/ingest/v1/reports?key=${key.publicKey}`,
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ v: 1, events: reports }),
    });
  const report = (over: Partial<UserReportInput>): UserReportInput => ({
    event_id: hex(),
    timestamp: Date.now(),
    description: FIRST,
    ...over,
  });
  const known = (text: string, k = key.publicKey) =>
    h.req({
      method: 'GET',
      url: `/api/ingest/v1/known-issues?key=${k}&text=${encodeURIComponent(text)}`,
      remoteAddress: `10.6.0.${++ip}`,
      headers: { origin: 'https://shop.example.com' },
    });

  beforeAll(async () => {
    key = await createProjectWithKey(h, 'SHOP');
    expect((await send([report({ steps: 'Pay', expected: 'A receipt', actual: 'It hangs' })])).status).toBe(
      202,
    );
    await h.svc.jobs.runDue();
    const list = await h.req({ method: 'GET', url: '/api/v1/issues?project=SHOP', as: h.owner });
    issueId = list.body.items[0].id;
    issueKey = list.body.items[0].key;
  });

  it('gives the widget the template and required prompts set on the bug type', async () => {
    const set = await h.req({
      method: 'PATCH',
      url: '/api/v1/projects/SHOP/types/bug',
      as: h.owner,
      payload: { reportTemplate: 'Which page were you on?\n', reportRequired: ['expected'] },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const r = await h.req({
      method: 'GET',
      url: `/api/ingest/v1/report-form?key=${key.publicKey}`,
      headers: { origin: 'https://shop.example.com' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ template: 'Which page were you on?\n', required: ['expected'] });
    // A page on another origin may read it (the key's origins allow any here).
    expect(r.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    expect((await h.req({ method: 'GET', url: '/api/ingest/v1/report-form?key=nope' })).status).toBe(401);
  });

  it('offers a publicly answered open issue by title, and files a report that chose it as a +1', async () => {
    expect((await known('checkout freezes when I press pay')).body.items).toEqual([]);
    await h.req({
      method: 'POST',
      url: `/api/v1/issues/${issueKey}/comments`,
      as: h.owner,
      payload: { body: 'We are on it.', visibility: 'public' },
    });
    const r = await known('checkout freezes when I press pay');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([{ id: issueId, title: FIRST }]);

    expect((await send([report({ description: 'Same here', name: 'Bob', same_as: issueId })])).status).toBe(
      202,
    );
    await h.svc.jobs.runDue();
    const reports = await h.req({
      method: 'GET',
      url: `/api/v1/issues/${issueKey}/user-reports`,
      as: h.owner,
    });
    expect(reports.body.items.map((x: { outcome: string }) => x.outcome)).toEqual(['new', 'plus_one']);
    const list = await h.req({ method: 'GET', url: '/api/v1/issues?project=SHOP', as: h.owner });
    expect(list.body.items).toHaveLength(1);
  });

  it('answers 400 for text past the limit and 401 for an unknown key', async () => {
    expect((await known('x'.repeat(2_001))).status).toBe(400);
    expect((await known('pay', 'nope')).status).toBe(401);
  });
});
