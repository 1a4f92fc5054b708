import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/**
 * Regression for issue 9.7: `label:ux OR label:launch` saved on SHOP was stored as
 * `project:SHOP label:ux OR label:launch` (matching other projects' issues too), and running the
 * view answered 400 because its sort was appended inside the OR.
 */
describeEachDialect('a saved view keeps its query intact inside its project', (dialect) => {
  const h = useHarness(dialect);
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    for (const key of ['SHOP', 'API']) {
      await h.req({ method: 'POST', url: '/api/v1/projects', as: h.owner, payload: { key, name: key } });
    }
    for (const name of ['ux', 'launch']) {
      await h.req({ method: 'POST', url: '/api/v1/labels', as: h.owner, payload: { name } });
    }
    const issue = async (name: string, project: string, labels: string[], priority: string) => {
      const r = await h.req({
        method: 'POST',
        url: `/api/v1/projects/${project}/issues`,
        as: h.owner,
        payload: { title: name, labels, priority },
      });
      expect(r.status).toBe(201);
      keys[name] = r.body.key;
    };
    await issue('shop ux', 'SHOP', ['ux'], 'low');
    await issue('shop launch', 'SHOP', ['launch'], 'urgent');
    await issue('shop plain', 'SHOP', [], 'medium');
    await issue('api ux', 'API', ['ux'], 'high');
  });

  const saveAndRun = async (name: string, query: string, sort: string | null = 'priority-desc') => {
    const saved = await h.req({
      method: 'POST',
      url: '/api/v1/views',
      as: h.owner,
      payload: {
        name,
        query,
        project: 'SHOP',
        display: { layout: 'list', columns: ['key'], groupBy: null, sort },
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const run = await h.req({ method: 'GET', url: `/api/v1/views/${saved.body.id}/issues`, as: h.owner });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    return {
      stored: saved.body.query as string,
      titles: run.body.items.map((i: { title: string }) => i.title),
    };
  };

  it('stores an OR view as project:SHOP (…) and shows only that project’s matches, sorted', async () => {
    const r = await saveAndRun('ux or launch', 'label:ux OR label:launch');
    expect(r.stored).toBe('project:SHOP (label:ux OR label:launch)');
    expect(r.titles).toEqual(['shop launch', 'shop ux']);
  });

  it('runs NOT views inside the project too', async () => {
    const r = await saveAndRun('not ux', 'NOT label:ux');
    expect(r.stored).toBe('project:SHOP (NOT label:ux)');
    expect(r.titles).toEqual(['shop launch', 'shop plain']);
  });

  it('runs an OR view saved without a project across projects, with its sort', async () => {
    const saved = await h.req({
      method: 'POST',
      url: '/api/v1/views',
      as: h.owner,
      payload: {
        name: 'everywhere',
        query: 'label:ux OR label:launch',
        display: { layout: 'list', columns: ['key'], groupBy: null, sort: 'priority-asc' },
      },
    });
    expect(saved.body.query).toBe('label:ux OR label:launch');
    const run = await h.req({ method: 'GET', url: `/api/v1/views/${saved.body.id}/issues`, as: h.owner });
    expect(run.status).toBe(200);
    expect(run.body.items.map((i: { title: string }) => i.title)).toEqual([
      'shop ux',
      'api ux',
      'shop launch',
    ]);
  });
});
