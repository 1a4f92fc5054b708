import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { type HttpReceiver, type ReceivedRequest, startHttpReceiver } from '../../test/http-receiver.ts';
import { webhookFanOutSettled } from '../../webhooks/webhook-jobs.ts';

/** What a receiver does: check `Closeloop-Signature` (t=…, v1=…) against a secret it holds. */
function signedWith(r: ReceivedRequest, secret: string): boolean {
  const header = String(r.headers['closeloop-signature'] ?? '');
  const t = /t=(\d+)/.exec(header)?.[1];
  const expected = createHmac('sha256', secret).update(`${t}.${r.body}`).digest('hex');
  return header.split(',').includes(`v1=${expected}`);
}

describeEachDialect('outbound webhooks to a real receiver', (dialect) => {
  // The job runner's clock runs ahead of real time by what the tests skip (retry delays).
  let skipped = 0;
  const h = useHarness(dialect, {
    env: { WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_MAX_ATTEMPTS: '3' },
    clock: () => Date.now() + skipped,
  });
  let rx: HttpReceiver;
  let member: TestUser;
  let hook: { id: number; secret: string };

  const run = async () => {
    await webhookFanOutSettled(h.svc);
    return h.svc.jobs.runDue();
  };
  const deliveries = async (id = hook.id) =>
    (await h.req({ method: 'GET', url: `/api/v1/webhooks/${id}/deliveries`, as: h.owner })).body.items;
  const createIssue = async (title: string) =>
    (await h.req({ method: 'POST', url: '/api/v1/projects/APP/issues', as: h.owner, payload: { title } }))
      .body;
  const edit = async (key: string, payload: object) => {
    const cur = (await h.req({ method: 'GET', url: `/api/v1/issues/${key}`, as: h.owner })).body;
    const r = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${key}`,
      as: h.owner,
      payload: { version: cur.version, ...payload },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const events = (from = 0) => rx.received.slice(from).map((r) => JSON.parse(r.body));

  beforeAll(async () => {
    rx = await startHttpReceiver();
    member = await h.invite('member');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'APP', name: 'App' },
    });
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'OPS', name: 'Ops' },
    });
  });
  afterAll(() => rx?.close());

  it('lets admins add a project webhook, shows its secret once and refuses metadata targets', async () => {
    const body = {
      name: 'CI',
      url: `${rx.url}/hook`,
      events: ['issue.created', 'issue.updated'],
      projectKey: 'APP',
    };
    expect((await h.req({ method: 'POST', url: '/api/v1/webhooks', as: member, payload: body })).status).toBe(
      403,
    );
    const meta = await h.req({
      method: 'POST',
      url: '/api/v1/webhooks',
      as: h.owner,
      payload: { ...body, url: 'http://169.254.169.254/latest/meta-data/' },
    });
    expect(meta.status).toBe(400);
    expect(meta.body.error.message).toMatch(/metadata/);
    const r = await h.req({ method: 'POST', url: '/api/v1/webhooks', as: h.owner, payload: body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.secret).toMatch(/^whsec_/);
    hook = r.body;
    const list = await h.req({ method: 'GET', url: '/api/v1/webhooks', as: h.owner });
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: hook.id, projectKey: 'APP', enabled: true }),
    ]);
    expect(list.body.items[0].secret).toBeUndefined();
  });

  it('delivers a signed event the receiver can verify, only for its project and events', async () => {
    const from = rx.received.length;
    const issue = await createIssue('Checkout total wrong');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects/OPS/issues',
      as: h.owner,
      payload: { title: 'Elsewhere' },
    });
    await run();
    expect(rx.received.length - from).toBe(1);
    const got = rx.received[from]!;
    expect(signedWith(got, hook.secret)).toBe(true);
    expect(signedWith(got, 'whsec_wrong')).toBe(false);
    expect(got.headers['closeloop-event']).toBe('issue.created');
    expect(JSON.parse(got.body)).toMatchObject({
      type: 'issue.created',
      issueKey: issue.key,
      issue: { title: 'Checkout total wrong', url: `http://localhost:4000/issues/${issue.key}` },
      actor: { name: 'Olivia Owner' },
    });
    const [d] = await deliveries();
    expect(d).toMatchObject({
      state: 'delivered',
      attempts: 1,
      responseStatus: 200,
      responseBody: 'ok',
      issueKey: issue.key,
    });
    expect(d.requestHeaders['closeloop-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('retries after a 500 with backoff and keeps one issue’s events in order meanwhile', async () => {
    const issue = await createIssue('Cart badge stale');
    await run();
    const from = rx.received.length;
    rx.script = [500];
    await edit(issue.key, { title: 'Cart badge stale (first)' });
    await edit(issue.key, { title: 'Cart badge stale (second)' });
    expect((await run()).retried).toBe(1);
    // The second edit waits behind the failing first one.
    expect(rx.received.length - from).toBe(1);
    const [second, first] = await deliveries();
    expect(first).toMatchObject({
      state: 'retrying',
      attempts: 1,
      responseStatus: 500,
      error: 'answered 500',
    });
    expect(second.state).toBe('pending');
    skipped += 5_000; // before the first retry delay (10 s)
    await run();
    expect(rx.received.length - from).toBe(1);
    skipped += 10_000;
    await run();
    expect(events(from).map((e) => e.issue.title)).toEqual([
      'Cart badge stale (first)',
      'Cart badge stale (first)',
      'Cart badge stale (second)',
    ]);
    const after = await deliveries();
    expect(after.slice(0, 2).map((d: { state: string; attempts: number }) => [d.state, d.attempts])).toEqual([
      ['delivered', 1],
      ['delivered', 2],
    ]);
  });

  it('signs with both secrets after a rotation, so receivers can switch without a gap', async () => {
    const old = hook.secret;
    const r = await h.req({ method: 'POST', url: `/api/v1/webhooks/${hook.id}/rotate-secret`, as: h.owner });
    expect(r.status).toBe(200);
    expect(r.body.secret).not.toBe(old);
    hook = { ...hook, secret: r.body.secret };
    const from = rx.received.length;
    await createIssue('Coupon rounding');
    await run();
    const got = rx.received[from]!;
    expect(signedWith(got, old)).toBe(true);
    expect(signedWith(got, hook.secret)).toBe(true);
  });

  it('disables the endpoint when a delivery uses up its attempts, and redelivers by hand', async () => {
    const from = rx.received.length;
    rx.fallback = 503;
    await createIssue('Search is slow');
    for (let i = 0; i < 3; i++) {
      await run();
      skipped += 3_600_000;
    }
    expect(rx.received.length - from).toBe(3);
    const [dead] = await deliveries();
    expect(dead).toMatchObject({ state: 'dead', attempts: 3, responseStatus: 503 });
    const ep = (await h.req({ method: 'GET', url: '/api/v1/webhooks', as: h.owner })).body.items[0];
    expect(ep.enabled).toBe(false);
    expect(ep.disabledReason).toMatch(/after 3 failed attempts/);
    // Disabled: new events are not queued for it.
    await createIssue('While disabled');
    await run();
    expect(rx.received.length - from).toBe(3);
    rx.fallback = 200;
    await h.req({
      method: 'PATCH',
      url: `/api/v1/webhooks/${hook.id}`,
      as: h.owner,
      payload: { enabled: true },
    });
    const again = await h.req({
      method: 'POST',
      url: `/api/v1/webhooks/${hook.id}/deliveries/${dead.id}/redeliver`,
      as: h.owner,
    });
    expect(again.status).toBe(202);
    await run();
    expect(rx.received.at(-1)!.body).toBe(dead.requestBody);
    expect((await deliveries())[0]).toMatchObject({
      id: again.body.id,
      state: 'delivered',
      eventId: dead.eventId,
    });
  });

  it('sends Slack and Teams message shapes to chat endpoints', async () => {
    const slack = await h.req({
      method: 'POST',
      url: '/api/v1/webhooks',
      as: h.owner,
      payload: { name: 'Slack', url: `${rx.url}/slack`, format: 'slack', events: ['comment.created'] },
    });
    const teams = await h.req({
      method: 'POST',
      url: '/api/v1/webhooks',
      as: h.owner,
      payload: { name: 'Teams', url: `${rx.url}/teams`, format: 'teams', events: ['comment.created'] },
    });
    expect(teams.status).toBe(201);
    const issue = await createIssue('Refund button missing');
    await run();
    const from = rx.received.length;
    await h.req({
      method: 'POST',
      url: `/api/v1/issues/${issue.key}/comments`,
      as: h.owner,
      payload: { body: 'Reproduced on Safario' },
    });
    await run();
    const byPath = new Map(rx.received.slice(from).map((r) => [r.url, JSON.parse(r.body)]));
    expect(byPath.get('/slack').text).toBe(`Olivia Owner commented on ${issue.key} Refund button missing`);
    expect(byPath.get('/slack').blocks[0].text.text).toContain('> Reproduced on Safario');
    expect(byPath.get('/teams').attachments[0].content.type).toBe('AdaptiveCard');
    expect(slack.body.projectKey).toBeNull();
  });
});
