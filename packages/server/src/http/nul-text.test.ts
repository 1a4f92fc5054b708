import { randomBytes } from 'node:crypto';
import { NUL_STAND_IN } from '@closeloop/shared/storable-text';
import { beforeAll, expect, it } from 'vitest';
import { buildEnvelope } from '../routes/sentry/sentry-envelope.ts';
import { createProjectWithKey, issuesOf, type ProjectKey } from '../routes/sentry/sentry-test-kit.ts';
import { buildBrowserErrorEvent } from '../sentry/fixtures.ts';
import { useHarness } from '../test/api-client.ts';
import { describeEachDialect } from '../test/dialects.ts';
import { ingestRequest, messageEvent } from '../test/ingest-requests.ts';

/**
 * Regression for issue 9.8: one NUL (which PostgreSQL's text type refuses) answered 500 on 7 of 11
 * write paths and stopped grouping for every project. NUL now becomes U+2400 at the edges, the
 * same on both databases, and the text keeps its information.
 */
const N = '\u0000';
const hex = () => randomBytes(16).toString('hex');

describeEachDialect('a NUL character in any text', (dialect) => {
  const h = useHarness(dialect);
  let key: ProjectKey;
  const fives: string[] = [];

  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
    const r = await h.req({
      method,
      url,
      as: h.owner,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (r.status >= 500) fives.push(`${r.status} ${method} ${url} → ${JSON.stringify(r.body).slice(0, 200)}`);
    return r;
  };

  beforeAll(async () => {
    key = await createProjectWithKey(h, 'SHOP');
  });

  it('is stored as U+2400 by every REST write, on both databases, never a 500', async () => {
    const project = await call('POST', '/api/v1/projects', {
      key: 'NUL',
      name: `Nul${N}proj`,
      description: `d${N}`,
    });
    expect(project.status).toBe(201);
    expect(project.body.name).toBe(`Nul${NUL_STAND_IN}proj`);

    expect((await call('POST', '/api/v1/labels', { name: `ux${N}` })).status).toBe(201);
    expect((await call('POST', '/api/v1/teams', { key: 'nul-team', name: `T${N}` })).status).toBe(201);
    expect(
      (await call('POST', '/api/v1/projects/NUL/milestones', { name: `M${N}1`, description: N })).status,
    ).toBe(201);
    const field = await call('POST', '/api/v1/projects/NUL/fields', {
      key: 'note',
      name: `Note${N}`,
      type: 'text',
    });
    expect(field.status).toBe(201);

    const issue = await call('POST', '/api/v1/projects/NUL/issues', {
      title: `Broken${N}title`,
      description: `line${N}two`,
      labels: [`ux${N}`],
      customFields: { note: `value${N}` },
    });
    expect(issue.status).toBe(201);
    expect(issue.body.title).toBe(`Broken${NUL_STAND_IN}title`);
    expect(issue.body.description).toBe(`line${NUL_STAND_IN}two`);

    const edit = await call('PATCH', `/api/v1/issues/${issue.body.key}`, {
      version: issue.body.version,
      title: `Edited${N}`,
      resolutionNote: N,
    });
    expect(edit.status).toBe(200);
    const comment = await call('POST', `/api/v1/issues/${issue.body.key}/comments`, { body: `hi${N}there` });
    expect(comment.status).toBe(201);
    expect(comment.body.body).toBe(`hi${NUL_STAND_IN}there`);

    const view = await call('POST', '/api/v1/views', { name: `V${N}`, query: `project:NUL ux${N}` });
    expect(view.status).toBeLessThan(500);
    const search = await call('GET', `/api/v1/issues?q=${encodeURIComponent(`Edited${N}`)}`);
    expect(search.status).toBe(200);
    expect(search.body.items.map((i: { key: string }) => i.key)).toContain(issue.body.key);
    // Both databases hold the same text: the stand-in, not a NUL.
    const stored = await h.svc.store.db
      .selectFrom('issues')
      .select('title')
      .where('title', 'like', 'Edited%')
      .execute();
    expect(stored.map((r) => r.title)).toEqual([`Edited${NUL_STAND_IN}`]);
    expect(fives).toEqual([]);
  });

  it('keeps grouping flowing: a Sentry error, an SDK event and a session with NUL become issues and counts', async () => {
    const sentryEvent = buildBrowserErrorEvent({
      event_id: hex(),
      message: `boom${N}`,
      tags: { [`k${N}`]: `v${N}` },
    });
    const envelope = buildEnvelope({ event_id: sentryEvent.event_id }, [
      { header: { type: 'event' }, payload: sentryEvent },
      {
        header: { type: 'session' },
        payload: {
          sid: hex(),
          init: true,
          status: 'ok',
          started: new Date().toISOString(),
          attrs: { release: `app${N}@1`, environment: `prod${N}` },
        },
      },
    ]);
    const sent = await h.req({
      method: 'POST',
      url: `/api/${key.projectId}/envelope/?sentry_key=${key.publicKey}&sentry_version=7`,
      headers: { 'content-type': 'text/plain' },
      payload: envelope,
    });
    expect(sent.status).toBe(200);
    const own = await h.req(
      ingestRequest(key.publicKey, [
        messageEvent(`own${N}message`, { tags: { [`t${N}`]: N }, extra: { deep: { [N]: [N] } } }),
      ]),
    );
    expect(own.status).toBe(202);
    await h.svc.ingest.worker.drain();
    const titles = (await issuesOf(h, h.owner, 'SHOP')).map((i) => i.title);
    expect(titles.some((t) => t.includes(`own${NUL_STAND_IN}message`))).toBe(true);
    expect(titles.length).toBe(2);
    const releases = await call('GET', '/api/v1/projects/SHOP/releases');
    expect(releases.status).toBe(200);
    expect(releases.body.items.map((r: { release: string }) => r.release)).toContain(`app${NUL_STAND_IN}@1`);
    expect(fives).toEqual([]);
  });

  it('unsticks the worker on an event logged with a NUL before this fix', async () => {
    const projectId = Number(key.projectId);
    const project = await h.svc.store.db
      .selectFrom('projects')
      .select(['id', 'workspace_id'])
      .where('key', '=', 'SHOP')
      .executeTakeFirstOrThrow();
    expect(project.id).toBe(projectId);
    await h.svc.ingest.gate.log.append([
      {
        workspaceId: project.workspace_id,
        projectId,
        eventId: hex(),
        receivedAt: Date.now(),
        payload: JSON.stringify({
          event_id: hex(),
          type: 'message',
          timestamp: Date.now(),
          message: { formatted: `legacy${N}` },
        }),
      },
    ]);
    await h.svc.ingest.worker.drain();
    const titles = (await issuesOf(h, h.owner, 'SHOP')).map((i) => i.title);
    expect(titles.some((t) => t.includes(`legacy${NUL_STAND_IN}`))).toBe(true);
  });
});
