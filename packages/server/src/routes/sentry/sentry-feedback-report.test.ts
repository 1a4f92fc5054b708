import { randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { buildEnvelope } from './sentry-envelope.ts';

const hex = () => randomBytes(16).toString('hex');
const MESSAGE = 'The voucher field rejects every code I paste into it at checkout';

describeEachDialect('Sentry SDK user feedback becomes a report', (dialect) => {
  const h = useHarness(dialect);
  let publicKey = '';
  let projectId = '';
  const post = (items: Parameters<typeof buildEnvelope>[1], header: Record<string, unknown> = {}) =>
    h.req({
      method: 'POST',
      url: `/api/${projectId}/envelope/?sentry_key=${publicKey}&sentry_version=7`,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      payload: buildEnvelope(header, items),
    });
  const feedbackItem = (eventId: string, message: string, extra: Record<string, unknown> = {}) => ({
    header: { type: 'feedback' },
    payload: {
      event_id: eventId,
      timestamp: Date.now() / 1000,
      contexts: { feedback: { message, name: 'Ada', contact_email: 'ada@example.com', ...extra } },
    },
  });
  const issues = async () =>
    (await h.req({ method: 'GET', url: '/api/v1/issues?project=SHOP&limit=50', as: h.owner })).body.items as {
      key: string;
      title: string;
    }[];
  const reportsOf = async (key: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues/${key}/user-reports`, as: h.owner })).body.items as {
      source: string;
      outcome: string;
      reporter: { name: string; email: string };
      description: string;
      environment: { url: string | null };
    }[];

  beforeAll(async () => {
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'SHOP', name: 'Shop' },
    });
    const k = await h.req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/ingest-keys',
      as: h.owner,
      payload: {},
    });
    publicKey = k.body.publicKey;
    projectId = String(k.body.dsn).split('/').pop() ?? '';
  });

  it('files a feedback item as a new untriaged issue with the reporter and page, once per event id', async () => {
    const id = hex();
    const item = feedbackItem(id, MESSAGE, { url: 'https://shop.example.com/checkout?token=s3cret' });
    expect((await post([item])).status).toBe(200);
    expect((await post([item])).status).toBe(200); // an SDK retry
    await h.svc.jobs.runDue();
    const list = await issues();
    expect(list.map((i) => i.title)).toEqual([MESSAGE]);
    const [report] = await reportsOf(list[0]!.key);
    expect(report).toMatchObject({
      source: 'sentry',
      outcome: 'new',
      reporter: { name: 'Ada', email: 'ada@example.com' },
      description: MESSAGE,
    });
    expect(report!.environment.url).not.toContain('s3cret');
    // The Sentry API keeps listing it too.
    const feedback = await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/feedback', as: h.owner });
    expect(feedback.body.items).toHaveLength(1);
  });

  it('adds the same feedback again, through the legacy user_report item, as a +1 on that issue', async () => {
    const r = await post([
      {
        header: { type: 'user_report' },
        payload: { event_id: hex(), name: 'Bea', email: 'bea@example.com', comments: MESSAGE },
      },
    ]);
    expect(r.status).toBe(200);
    await h.svc.jobs.runDue();
    const list = await issues();
    expect(list).toHaveLength(1);
    const reports = await reportsOf(list[0]!.key);
    expect(reports.map((x) => [x.reporter.name, x.outcome])).toEqual([
      ['Ada', 'new'],
      ['Bea', 'plus_one'],
    ]);
  });
});
