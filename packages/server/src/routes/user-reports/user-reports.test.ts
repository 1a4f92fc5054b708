import { randomBytes } from 'node:crypto';
import type { UserReportInput } from '@closeloop/shared/ingest/user-report';
import { beforeAll, describe, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { createProjectWithKey, type ProjectKey } from '../sentry/sentry-test-kit.ts';

const hex = () => randomBytes(16).toString('hex');

function report(over: Partial<UserReportInput> = {}): UserReportInput {
  return {
    event_id: hex(),
    timestamp: Date.now(),
    description: 'Checkout fails with a payment error when I press pay',
    steps: 'Add the rain jacket to the cart, press Checkout',
    expected: 'An order confirmation page',
    actual: 'A red banner saying payment failed',
    name: 'Rita Reporter',
    email: 'rita@example.com',
    session_id: 'sess-abc',
    has_replay: true,
    url: 'https://shop.test/cart?token=secret123',
    release: 'shop@1.0.0',
    environment: 'production',
    user: { id: 'u-42' },
    contexts: { browser: { name: 'Chrome', version: '131.0' }, os: { name: 'Linux' } },
    viewport: { width: 1280, height: 720 },
    breadcrumbs: [
      { timestamp: 1, type: 'click', category: 'ui.click', message: 'button#checkout' },
      {
        timestamp: 2,
        type: 'request',
        category: 'request',
        level: 'error',
        message: 'POST /api/checkout 500',
      },
      { timestamp: 3, type: 'console', category: 'console', level: 'error', message: 'payment failed' },
      { timestamp: 4, type: 'error', level: 'error', message: 'Error: Payment provider timeout' },
    ],
    ...over,
  };
}

describeEachDialect('user reports from the feedback widget', (dialect) => {
  const h = useHarness(dialect);
  let key: ProjectKey;
  const send = (reports: UserReportInput[], k = key.publicKey) =>
    h.req({
      method: 'POST',
      url: `/api/ingest/v1/reports?key=${k}`,
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ v: 1, events: reports }),
    });
  const reportsOf = async (issueKey: string) => {
    const r = await h.req({ method: 'GET', url: `/api/v1/issues/${issueKey}/user-reports`, as: h.owner });
    expect(r.status).toBe(200);
    return r.body.items;
  };
  const reportIssues = async () => {
    const r = await h.req({ method: 'GET', url: '/api/v1/issues?project=SHOP&limit=100', as: h.owner });
    expect(r.status).toBe(200);
    return (r.body.items as Array<{ key: string; title: string; labels: string[] }>).filter((i) =>
      i.labels.includes('user-report'),
    );
  };

  beforeAll(async () => {
    key = await createProjectWithKey(h, 'SHOP');
  });

  describe('a first report', () => {
    let issueKey: string;
    beforeAll(async () => {
      // The session's recording arrives through the replay ingest, joined by session id.
      const chunk = await h.req({
        method: 'POST',
        url: `/api/ingest/v1/replays?key=${key.publicKey}`,
        headers: { 'content-type': 'text/plain' },
        payload: JSON.stringify({
          v: 1,
          events: [
            {
              event_id: hex(),
              session_id: 'sess-abc',
              seq: 0,
              // Recent: the recurring replay.prune job (run by runDue) deletes expired recordings.
              started_at: Date.now() - 2000,
              ended_at: Date.now() - 1000,
              url: 'https://shop.test/cart',
              events: [{ type: 4, timestamp: Date.now() - 2000, data: { href: 'https://shop.test/cart' } }],
            },
          ],
        }),
      });
      expect(chunk.status).toBe(202);
      const first = report();
      const r = await send([first]);
      expect(r.status).toBe(202);
      expect(r.body).toEqual({ accepted: 1, stored: 1 });
      // An SDK retry of the same report (same event id) stores nothing more.
      expect((await send([first])).body).toEqual({ accepted: 1, stored: 0 });
      await h.svc.jobs.runDue();
      const issues = await reportIssues();
      expect(issues).toHaveLength(1);
      issueKey = issues[0]!.key;
    });

    it('files one untriaged issue titled by the first line, waiting in the triage queue', async () => {
      const issue = await h.req({ method: 'GET', url: `/api/v1/issues/${issueKey}`, as: h.owner });
      expect(issue.body.title).toBe('Checkout fails with a payment error when I press pay');
      expect(issue.body.description).toContain('**Expected**\n\nAn order confirmation page');
      const triage = await h.req({ method: 'GET', url: `/api/v1/issues/${issueKey}/triage`, as: h.owner });
      expect(triage.body.state).toBe('untriaged');
      const queue = await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/triage', as: h.owner });
      expect(queue.status).toBe(200);
      expect(JSON.stringify(queue.body)).toContain(issueKey);
    });

    it('shows the report with its evidence split into errors, console, network and trail', async () => {
      const [r] = await reportsOf(issueKey);
      expect(r).toMatchObject({
        outcome: 'new',
        reporter: { name: 'Rita Reporter', email: 'rita@example.com', user: 'u-42' },
        gaps: [],
        sessionId: 'sess-abc',
        hasReplay: true,
        environment: {
          release: 'shop@1.0.0',
          environment: 'production',
          browser: 'Chrome 131.0',
          os: 'Linux',
          viewport: '1280×720',
        },
      });
      // The URL gets the same PII scrubbing as events.
      expect(r.environment.url).not.toContain('secret123');
      expect(r.errors.map((c: { message: string }) => c.message)).toEqual([
        'Error: Payment provider timeout',
      ]);
      expect(r.console.map((c: { message: string }) => c.message)).toEqual(['payment failed']);
      expect(r.network.map((c: { message: string }) => c.message)).toEqual(['POST /api/checkout 500']);
      expect(r.trail.map((c: { message: string }) => c.message)).toEqual(['button#checkout']);
    });

    it('adds a report of the same problem to the open issue as a +1 instead of filing another', async () => {
      const r = await send([
        report({
          description: 'Checkout fails with a payment error when I press pay on my phone',
          session_id: 'sess-other',
          has_replay: false,
          name: 'Sam Second',
        }),
      ]);
      expect(r.status).toBe(202);
      await h.svc.jobs.runDue();
      expect(await reportIssues()).toHaveLength(1);
      const reports = await reportsOf(issueKey);
      expect(
        reports.map((x: { outcome: string; reporter: { name: string } }) => [x.outcome, x.reporter.name]),
      ).toEqual([
        ['new', 'Rita Reporter'],
        ['plus_one', 'Sam Second'],
      ]);
      expect(reports[1].hasReplay).toBe(false);
    });

    it('files a different problem as a new issue and flags a vague report with what it lacks', async () => {
      await send([
        report({
          description: 'Size guide is blank',
          steps: undefined,
          expected: undefined,
          actual: undefined,
          breadcrumbs: [],
        }),
      ]);
      await h.svc.jobs.runDue();
      const issues = await reportIssues();
      expect(issues).toHaveLength(2);
      const vague = issues.find((i) => i.title === 'Size guide is blank')!;
      const [r] = await reportsOf(vague.key);
      expect(r.gaps).toEqual(['steps', 'expected', 'actual', 'detail']);
    });
  });

  it('answers 400 for a report without words and 401 for an unknown key, storing nothing', async () => {
    const bad = await send([report({ description: '   ' })]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeTruthy();
    const unknown = await send([report()], 'nope');
    expect(unknown.status).toBe(401);
  });

  it('keeps reports of another workspace out of reach: an unknown issue answers 404', async () => {
    const r = await h.req({ method: 'GET', url: '/api/v1/issues/NOPE-1/user-reports', as: h.owner });
    expect(r.status).toBe(404);
  });
});
