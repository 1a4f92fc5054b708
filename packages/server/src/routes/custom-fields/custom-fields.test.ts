import { beforeAll, describe, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('custom fields API', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let teamA: number;
  let teamB: number;

  beforeAll(async () => {
    member = await h.invite('member');
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects',
          as: h.owner,
          payload: { key: 'CF', name: 'Fields' },
        })
      ).status,
    ).toBe(201);
    teamA = (
      await h.req({
        method: 'POST',
        url: '/api/v1/teams',
        as: h.owner,
        payload: { key: 'alpha', name: 'Alpha' },
      })
    ).body.id;
    teamB = (
      await h.req({
        method: 'POST',
        url: '/api/v1/teams',
        as: h.owner,
        payload: { key: 'beta', name: 'Beta' },
      })
    ).body.id;
  });

  const defineField = (payload: Record<string, unknown>, as: TestUser = h.owner) =>
    h.req({ method: 'POST', url: '/api/v1/projects/CF/fields', as, payload });
  const create = (payload: Record<string, unknown>) =>
    h.req({ method: 'POST', url: '/api/v1/projects/CF/issues', as: member, payload });
  const list = async (query: string) => {
    const r = await h.req({ method: 'GET', url: `/api/v1/issues?project=CF&${query}`, as: member });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items.map((i: { title: string }) => i.title);
  };

  it('only admins define fields; definitions are checked', async () => {
    expect((await defineField({ key: 'x', name: 'X', type: 'text' }, member)).status).toBe(403);
    const noOptions = await defineField({ key: 'x', name: 'X', type: 'single_select' });
    expect(noOptions.status).toBe(400);
    expect(noOptions.body.error.details.field).toBe('options');
    expect((await defineField({ key: 'x', name: 'X', type: 'text', requiredFor: ['ghost'] })).status).toBe(
      400,
    );
    expect((await defineField({ key: 'x', name: 'X', type: 'colour' })).status).toBe(400);
  });

  // [type, key, extra definition, value A, value B (sorts before A), invalid value, filter text matching A only]
  const cases: [
    string,
    string,
    Record<string, unknown>,
    () => unknown,
    () => unknown,
    unknown,
    () => string,
  ][] = [
    ['text', 'summary', {}, () => 'zebra crossing', () => 'apple pie', 42, () => 'zebra crossing'],
    ['number', 'points', {}, () => 8, () => 2.5, 'eight', () => '>=5'],
    ['date', 'review_on', {}, () => '2026-03-01', () => '2026-01-15', '2026-02-31', () => '>2026-02-01'],
    [
      'single_select',
      'tier',
      { name: 'Customer tier', options: ['gold', 'silver', 'bronze'] },
      () => 'silver',
      () => 'bronze',
      'platinum',
      () => 'silver',
    ],
    [
      'multi_select',
      'platforms',
      { options: ['ios', 'android', 'web'] },
      () => ['web', 'ios'],
      () => ['android'],
      ['ios', 'symbian'],
      () => 'web',
    ],
    ['user', 'owner', {}, () => member.id, () => h.owner.id, 999_999, () => String(member.id)],
    ['team', 'squad', {}, () => teamB, () => teamA, 999_999, () => String(teamB)],
    [
      'url',
      'spec',
      {},
      () => 'https://b.example.com/spec',
      () => 'https://a.example.com/spec',
      'javascript:alert(1)',
      () => 'https://b.example.com/spec',
    ],
    ['checkbox', 'regression', {}, () => true, () => false, 'yes', () => 'true'],
  ];

  describe.each(cases)('a %s field', (type, key, extra, a, b, invalid, filterText) => {
    beforeAll(async () => {
      const r = await defineField({ key, name: key, type, ...extra });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject({ key, type, requiredFor: [], types: null });
    });

    it('stores a valid value and returns it on the issue', async () => {
      const r = await create({ title: `${key} A`, customFields: { [key]: a() } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.customFields[key]).toEqual(type === 'multi_select' ? [...(a() as string[])].sort() : a());
      await create({ title: `${key} B`, customFields: { [key]: b() } });
      await create({ title: `${key} none` });
    });

    it('rejects an invalid value naming the field', async () => {
      const r = await create({ title: 'bad', customFields: { [key]: invalid } });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid');
      expect(r.body.error.details.field).toBe(`customFields.${key}`);
    });

    it('filters by the field', async () => {
      expect(await list(`cf.${key}=${encodeURIComponent(filterText())}`)).toEqual([`${key} A`]);
    });

    it(
      type === 'multi_select' ? 'cannot sort by a multi select' : 'sorts by the field, empty values last',
      async () => {
        if (type === 'multi_select') {
          const r = await h.req({
            method: 'GET',
            url: `/api/v1/issues?project=CF&sort=cf.${key}`,
            as: member,
          });
          expect(r.status).toBe(400);
          return;
        }
        const asc = (await list(`sort=cf.${key}&order=asc&limit=500`)).filter((t: string) =>
          t.startsWith(`${key} `),
        );
        expect(asc).toEqual([`${key} B`, `${key} A`, `${key} none`]);
        const desc = (await list(`sort=cf.${key}&order=desc&limit=500`)).filter((t: string) =>
          t.startsWith(`${key} `),
        );
        expect(desc).toEqual([`${key} A`, `${key} B`, `${key} none`]);
      },
    );

    it('records a change in the history as custom.<key>', async () => {
      const issue = (await create({ title: `${key} history`, customFields: { [key]: b() } })).body;
      const r = await h.req({
        method: 'PATCH',
        url: `/api/v1/issues/${issue.key}`,
        as: member,
        payload: { version: 1, customFields: { [key]: a() } },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const history = (
        await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}/activity`, as: member })
      ).body;
      const entry = history.find((e: { field: string | null }) => e.field === `custom.${key}`);
      expect(entry).toMatchObject({ action: 'changed', actorId: member.id });
      expect(entry.to).toEqual(r.body.customFields[key]);
      const cleared = await h.req({
        method: 'PATCH',
        url: `/api/v1/issues/${issue.key}`,
        as: member,
        payload: { version: 2, customFields: { [key]: null } },
      });
      expect(cleared.body.customFields[key]).toBeUndefined();
    });
  });

  it('pages through a custom-field sort with cursors without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: { items: { key: string }[]; nextCursor: string | null } } =
        await h.req({
          method: 'GET',
          url: `/api/v1/issues?project=CF&sort=cf.points&order=asc&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          as: member,
        });
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((i) => i.key));
      cursor = r.body.nextCursor;
    } while (cursor);
    const all = await h.req({ method: 'GET', url: '/api/v1/issues?project=CF&limit=500', as: member });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(all.body.items.length);
  });

  it('finds issues by field name in the query language', async () => {
    const r = await h.req({
      method: 'GET',
      url: `/api/v1/issues?q=${encodeURIComponent('"Customer tier":silver')}`,
      as: member,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items.map((i: { title: string }) => i.title)).toEqual(['tier A']);
    const bad = await h.req({
      method: 'GET',
      url: `/api/v1/issues?q=${encodeURIComponent('tier:platinum')}`,
      as: member,
    });
    expect(bad.status).toBe(400);
  });

  it('answers 400 for unknown fields and values that do not fit in list parameters', async () => {
    expect((await h.req({ method: 'GET', url: '/api/v1/issues?cf.nope=1', as: member })).status).toBe(400);
    expect((await h.req({ method: 'GET', url: '/api/v1/issues?cf.points=many', as: member })).status).toBe(
      400,
    );
    expect((await h.req({ method: 'GET', url: '/api/v1/issues?sort=cf.nope', as: member })).status).toBe(400);
  });

  describe('required fields per type', () => {
    beforeAll(async () => {
      const r = await defineField({
        key: 'impact',
        name: 'Timeline impact',
        type: 'text',
        types: ['risk', 'blocker'],
        requiredFor: ['risk'],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    });

    it('creating an issue of a type whose required field is missing answers 422 naming it', async () => {
      const r = await create({ title: 'Marketing used design v3', type: 'risk' });
      expect(r.status).toBe(422);
      expect(r.body.error.details.field).toBe('customFields.impact');
      expect(r.body.error.message).toContain('Timeline impact');
      const ok = await create({
        title: 'Marketing used design v3',
        type: 'risk',
        customFields: { impact: 'Launch slips a week' },
      });
      expect(ok.status).toBe(201);
      // Optional for blockers, absent from bugs.
      expect((await create({ title: 'blocked', type: 'blocker' })).status).toBe(201);
      const onBug = await create({ title: 'bug', type: 'bug', customFields: { impact: 'x' } });
      expect(onBug.status).toBe(422);
    });

    it('clearing a required value or changing to a type that requires one answers 422', async () => {
      const risk = (await create({ title: 'r', type: 'risk', customFields: { impact: 'big' } })).body;
      const clear = await h.req({
        method: 'PATCH',
        url: `/api/v1/issues/${risk.key}`,
        as: member,
        payload: { version: 1, customFields: { impact: null } },
      });
      expect(clear.status).toBe(422);
      const blocker = (await create({ title: 'b', type: 'blocker' })).body;
      const toRisk = await h.req({
        method: 'PATCH',
        url: `/api/v1/issues/${blocker.key}`,
        as: member,
        payload: { version: 1, type: 'risk' },
      });
      expect(toRisk.status).toBe(422);
      expect(toRisk.body.error.details.field).toBe('customFields.impact');
    });

    it('unknown fields and unknown types answer 422', async () => {
      const unknownField = await create({ title: 'x', customFields: { nope: 'x' } });
      expect(unknownField.status).toBe(422);
      expect(unknownField.body.error.details.field).toBe('customFields.nope');
      const unknownType = await create({ title: 'x', type: 'epic' });
      expect(unknownType.status).toBe(422);
      expect(unknownType.body.error.details).toMatchObject({
        field: 'type',
        allowed: expect.arrayContaining(['bug', 'risk']),
      });
    });
  });

  it('lets admins edit a field but not remove options in use, and delete it with its values', async () => {
    const removeUsed = await h.req({
      method: 'PATCH',
      url: '/api/v1/projects/CF/fields/tier',
      as: h.owner,
      payload: { options: ['gold', 'bronze'] },
    });
    expect(removeUsed.status).toBe(409);
    expect(removeUsed.body.error.details.inUse).toEqual(['silver']);
    const rename = await h.req({
      method: 'PATCH',
      url: '/api/v1/projects/CF/fields/tier',
      as: h.owner,
      payload: { name: 'Tier', options: ['gold', 'silver', 'bronze', 'tin'] },
    });
    expect(rename.status).toBe(200);
    expect(rename.body).toMatchObject({ name: 'Tier', options: ['gold', 'silver', 'bronze', 'tin'] });
    const fields = await h.req({ method: 'GET', url: '/api/v1/projects/CF/fields', as: member });
    expect(fields.body.map((f: { key: string }) => f.key)).toContain('tier');
    expect(
      (await h.req({ method: 'DELETE', url: '/api/v1/projects/CF/fields/summary', as: h.owner })).status,
    ).toBe(204);
    const after = await list('limit=500');
    expect(after.length).toBeGreaterThan(0);
    expect((await h.req({ method: 'GET', url: '/api/v1/issues?cf.summary=x', as: member })).status).toBe(400);
  });
});
