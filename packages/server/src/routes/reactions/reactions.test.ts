import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('reactions and comment edit history', (dialect) => {
  const h = useHarness(dialect);
  let mia: TestUser;
  let vic: TestUser;
  let commentId: number;

  beforeAll(async () => {
    mia = await h.invite('member', 'Mia Member');
    vic = await h.invite('viewer', 'Vic Viewer');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'SHOP', name: 'Shop' },
    });
    await h.req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/issues',
      as: mia,
      payload: { title: 'Slow checkout' },
    });
    const c = await h.req({
      method: 'POST',
      url: '/api/v1/issues/SHOP-1/comments',
      as: mia,
      payload: { body: 'v1 of my **comment**' },
    });
    commentId = c.body.id;
  });

  const toggle = (as: TestUser, emoji: string) =>
    h.req({ method: 'POST', url: `/api/v1/comments/${commentId}/reactions`, as, payload: { emoji } });

  it('toggles one reaction per person per emoji', async () => {
    const a = await toggle(mia, '👍');
    expect(a.status).toBe(200);
    expect(a.body).toEqual({
      commentId,
      emoji: '👍',
      reacted: true,
      reactions: [{ emoji: '👍', count: 1, userIds: [mia.id], mine: true }],
    });
    const b = await toggle(vic, '👍');
    expect(b.body.reactions).toEqual([{ emoji: '👍', count: 2, userIds: [mia.id, vic.id], mine: true }]);
    const c = await toggle(vic, '🎉');
    expect(c.body.reactions.map((r: { emoji: string; count: number }) => [r.emoji, r.count])).toEqual([
      ['👍', 2],
      ['🎉', 1],
    ]);
    // The same person and emoji again removes it.
    const d = await toggle(mia, '👍');
    expect(d.body).toMatchObject({
      reacted: false,
      reactions: [{ emoji: '👍', count: 1, userIds: [vic.id], mine: false }, { emoji: '🎉' }],
    });
    const list = await h.req({ method: 'GET', url: `/api/v1/comments/${commentId}/reactions`, as: vic });
    expect(list.body).toEqual([
      { emoji: '👍', count: 1, userIds: [vic.id], mine: true },
      { emoji: '🎉', count: 1, userIds: [vic.id], mine: true },
    ]);
    const byIssue = await h.req({ method: 'GET', url: '/api/v1/issues/SHOP-1/reactions', as: mia });
    expect(byIssue.body[String(commentId)]).toHaveLength(2);
  });

  it('accepts only a single emoji', async () => {
    for (const emoji of ['', 'ok', ':+1:', '<img src=x>', '1', '👍'.repeat(20)]) {
      const r = await toggle(mia, emoji);
      expect(r.status, emoji).toBe(400);
      expect(r.body.error.code).toBe('invalid');
    }
    for (const emoji of ['👍🏽', '❤️', '🇩🇪', '👨‍👩‍👧'])
      expect((await toggle(mia, emoji)).status, emoji).toBe(200);
  });

  it('answers 404 for reactions on unknown or deleted comments', async () => {
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/comments/99999/reactions',
          as: mia,
          payload: { emoji: '👍' },
        })
      ).status,
    ).toBe(404);
  });

  it('keeps every earlier body of an edited comment, oldest first', async () => {
    expect(
      (await h.req({ method: 'GET', url: `/api/v1/comments/${commentId}/revisions`, as: vic })).body,
    ).toEqual([]);
    for (const body of ['v2 <script>alert(1)</script>', 'v3 final']) {
      expect(
        (await h.req({ method: 'PATCH', url: `/api/v1/comments/${commentId}`, as: mia, payload: { body } }))
          .status,
      ).toBe(200);
    }
    const revs = await h.req({ method: 'GET', url: `/api/v1/comments/${commentId}/revisions`, as: vic });
    expect(revs.status).toBe(200);
    expect(revs.body.map((r: { body: string }) => r.body)).toEqual([
      'v1 of my **comment**',
      'v2 <script>alert(1)</script>',
    ]);
    expect(revs.body[0]).toMatchObject({
      commentId,
      replacedBy: mia.id,
      bodyHtml: expect.stringContaining('<strong>comment</strong>'),
    });
    expect(revs.body[1].bodyHtml).not.toContain('<script');
    expect(Date.parse(revs.body[1].writtenAt)).toBeGreaterThanOrEqual(Date.parse(revs.body[0].writtenAt));
    const current = await h.req({ method: 'GET', url: '/api/v1/issues/SHOP-1/comments', as: vic });
    expect(current.body[0].body).toBe('v3 final');
  });

  it('hides history of deleted comments and of unknown ones', async () => {
    const c = await h.req({
      method: 'POST',
      url: '/api/v1/issues/SHOP-1/comments',
      as: mia,
      payload: { body: 'to delete' },
    });
    await h.req({
      method: 'PATCH',
      url: `/api/v1/comments/${c.body.id}`,
      as: mia,
      payload: { body: 'edited' },
    });
    expect((await h.req({ method: 'DELETE', url: `/api/v1/comments/${c.body.id}`, as: mia })).status).toBe(
      204,
    );
    expect(
      (await h.req({ method: 'GET', url: `/api/v1/comments/${c.body.id}/revisions`, as: mia })).status,
    ).toBe(404);
    expect((await h.req({ method: 'GET', url: '/api/v1/comments/424242/revisions', as: mia })).status).toBe(
      404,
    );
  });
});
