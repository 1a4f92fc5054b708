import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/**
 * Issue 13 §4: a people-written issue's workflow can have a verification step; moving an issue
 * from it to done takes a verifier other than the person who moved it there.
 */
describeEachDialect('verification step: a verifier other than the resolver', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  const create = async (title: string, as: TestUser) =>
    (await h.req({ method: 'POST', url: '/api/v1/projects/VER/issues', as, payload: { title } })).body as {
      key: string;
    };
  const patch = async (as: TestUser, key: string, status: string) => {
    const current = (await h.req({ method: 'GET', url: `/api/v1/issues/${key}`, as })).body;
    return h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${key}`,
      as,
      payload: { version: current.version, status, ...(status === 'done' ? { resolution: 'fixed' } : {}) },
    });
  };

  beforeAll(async () => {
    member = await h.invite('member', 'Vera Verifier');
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects',
          as: h.owner,
          payload: { key: 'VER', name: 'Ver' },
        })
      ).status,
    ).toBe(201);
    const put = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/VER/workflows/default',
      as: h.owner,
      payload: {
        initial: 'todo',
        statuses: [
          { key: 'todo', name: 'To do', category: 'todo' },
          { key: 'in_progress', name: 'In progress', category: 'in_progress' },
          { key: 'verify', name: 'Verify', category: 'in_progress', verification: true },
          { key: 'done', name: 'Done', category: 'done' },
        ],
        transitions: [
          { from: '*', to: 'todo' },
          { from: '*', to: 'in_progress' },
          { from: '*', to: 'verify' },
          { from: '*', to: 'done' },
        ],
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  });

  it('shows the step in the workflow and refuses the resolver confirming their own fix', async () => {
    const wf = await h.req({ method: 'GET', url: '/api/v1/projects/VER/workflows/default', as: h.owner });
    expect(
      wf.body.statuses.map((s: { key: string; verification: boolean }) => [s.key, s.verification]),
    ).toEqual([
      ['todo', false],
      ['in_progress', false],
      ['verify', true],
      ['done', false],
    ]);
    const issue = await create('Fix VAT rounding', h.owner);
    expect((await patch(h.owner, issue.key, 'verify')).status).toBe(200);
    const own = await patch(h.owner, issue.key, 'done');
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe(
      '"Verify" needs a verifier other than the person who moved the issue there',
    );
    // Someone else, the verifier, may confirm it.
    expect((await patch(member, issue.key, 'done')).status).toBe(200);
    const after = (await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}`, as: h.owner })).body;
    expect(after).toMatchObject({ status: 'done', resolution: 'fixed' });
  });

  it('lets anyone move an issue that skipped the step, and the resolver send it back', async () => {
    const issue = await create('Typo in footer', h.owner);
    expect((await patch(h.owner, issue.key, 'done')).status).toBe(200);
    const other = await create('Broken link', member);
    expect((await patch(member, other.key, 'verify')).status).toBe(200);
    expect((await patch(member, other.key, 'in_progress')).status).toBe(200);
  });
});
