import { bindQuery } from '@closeloop/core/query/bind-query';
import { parseQuery } from '@closeloop/core/query/parse-query';
import { testSize } from '@closeloop/shared/testing/test-size';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { evaluate, type RefIssue, type RefWorld, referenceWords } from './query-reference.ts';

const DAY = 86_400_000;
/** No word is a prefix or stem of another, and none is a stop word, so whole-word matching is exact. */
const VOCAB = [
  'checkout',
  'slow',
  'crash',
  'button',
  'login',
  'cart',
  'banner',
  'modal',
  'timeout',
  'spinner',
  'freeze',
  'upload',
];
const STATUSES = ['backlog', 'todo', 'in_progress', 'in_review', 'done', 'cancelled'];
const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'];
const TYPES = ['bug', 'task', 'risk', 'blocker'];
const LABELS = ['checkout', 'perf', 'wontfix', 'ui'];

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

describeEachDialect('query language over the issues API', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  const world: RefWorld = { actorId: 0, usersByEmail: new Map(), teams: [] };
  let issues: RefIssue[] = [];

  const get = (q: string, extra = '') =>
    h.req({ method: 'GET', url: `/api/v1/issues?q=${encodeURIComponent(q)}&limit=500${extra}`, as: h.owner });

  beforeAll(async () => {
    member = await h.invite('member', 'Mia Member');
    world.actorId = h.owner.id;
    world.usersByEmail.set(h.owner.email, h.owner.id).set(member.email, member.id);
    for (const key of ['APP', 'OPS'])
      await h.req({ method: 'POST', url: '/api/v1/projects', as: h.owner, payload: { key, name: key } });
    for (const [key, name] of [
      ['design', 'Design'],
      ['marketing', 'Marketing'],
    ] as const) {
      const t = await h.req({ method: 'POST', url: '/api/v1/teams', as: h.owner, payload: { key, name } });
      world.teams.push({ id: t.body.id, key, name });
    }
    const r = rng(dialect === 'sqlite' ? 7 : 11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const sentence = (n: number) => Array.from({ length: n }, () => pick(VOCAB)).join(' ');
    const comments = new Map<string, string[]>();
    for (let n = 0; n < 100; n++) {
      const who = r();
      const payload = {
        title: `${sentence(1 + Math.floor(r() * 3))} n${n}`,
        description: r() < 0.6 ? sentence(Math.floor(r() * 6)) : '',
        type: pick(TYPES),
        status: pick(STATUSES),
        priority: pick(PRIORITIES),
        labels: LABELS.filter(() => r() < 0.3),
        assigneeUserId: who < 0.3 ? h.owner.id : who < 0.5 ? member.id : null,
        assigneeTeamId: who >= 0.5 && who < 0.8 ? pick(world.teams).id : null,
        dueDate:
          r() < 0.5
            ? new Date(Date.now() + Math.floor((r() - 0.5) * 60) * DAY).toISOString().slice(0, 10)
            : null,
        estimateMinutes: r() < 0.5 ? pick([15, 60, 120, 121, 480]) : null,
      };
      const res = await h.req({
        method: 'POST',
        url: `/api/v1/projects/${n % 3 === 0 ? 'OPS' : 'APP'}/issues`,
        as: r() < 0.5 ? h.owner : member,
        payload,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      if (r() < 0.3) {
        const body = sentence(3);
        await h.req({
          method: 'POST',
          url: `/api/v1/issues/${res.body.key}/comments`,
          as: member,
          payload: { body },
        });
        comments.set(res.body.key, [body]);
      }
      // Spread times over weeks, 12 h away from any whole day before now, so relative dates never straddle a row.
      const created = Date.now() - (Math.floor(r() * 40) + 5) * DAY - DAY / 2;
      const updated = created + Math.floor(r() * 5) * DAY;
      await h.svc.store.db
        .updateTable('issues')
        .set({
          created_at: created,
          updated_at: updated,
          ...(res.body.closedAt ? { closed_at: updated } : {}),
        })
        .where('id', '=', res.body.id)
        .execute();
    }
    const all = await h.req({ method: 'GET', url: '/api/v1/issues?limit=500', as: h.owner });
    issues = all.body.items.map((i: RefIssue & { description: string }) => ({
      ...i,
      words: new Set(referenceWords([i.title, i.description, ...(comments.get(i.key) ?? [])].join(' '))),
    }));
    expect(issues).toHaveLength(100);
  });

  const expected = (q: string) => {
    const p = parseQuery(q);
    const b = p.where ? bindQuery(p.where, Date.now()) : null;
    return issues
      .filter((i) => (b ? evaluate(b, i, world) : true))
      .map((i) => i.key)
      .sort();
  };
  const actual = async (q: string) => {
    const r = await get(q);
    expect(r.status, `${q} → ${JSON.stringify(r.body)}`).toBe(200);
    return (r.body.items as { key: string }[]).map((i) => i.key).sort();
  };

  it('answers the examples from the brief', async () => {
    for (const q of [
      'status:open priority:>=high assignee:@me label:checkout "slow"',
      'type:risk (team:design OR team:marketing) due:<2026-12-01',
      '-label:wontfix updated:>-7d sort:priority-desc',
      'is:unassigned estimate:>120',
      `NOT status:closed reporter:${member.email}`,
      'created:>-3w is:closed closed:<-1w',
    ]) {
      expect(await actual(q), q).toEqual(expected(q));
    }
    expect((await actual('status:open')).length).toBeGreaterThan(10);
  });

  it('finds a phrase only where its words stand together', async () => {
    const target = issues.find((i) => /^\w+ \w+ /.test(i.title))!;
    const [a, b] = target.title.split(' ');
    const keys = await actual(`"${a} ${b}"`);
    expect(keys).toContain(target.key);
    const reversed = await actual(`"${b} ${a}" title:"${b} ${a}"`);
    expect(
      reversed.every((k) =>
        issues
          .find((i) => i.key === k)!
          .title.toLowerCase()
          .includes(`${b} ${a}`),
      ),
    ).toBe(true);
  });

  it('ranks title matches above body matches when there is no explicit sort', async () => {
    const a = await h.req({
      method: 'POST',
      url: '/api/v1/projects/APP/issues',
      as: h.owner,
      payload: { title: 'zebra alpha', description: '' },
    });
    const b = await h.req({
      method: 'POST',
      url: '/api/v1/projects/APP/issues',
      as: h.owner,
      payload: { title: 'other', description: 'there is a zebra' },
    });
    const ranked = (await get('zebra')).body.items.map((i: { key: string }) => i.key);
    expect(ranked).toEqual([a.body.key, b.body.key]);
    const byCreated = (await get('zebra sort:created-desc')).body.items.map((i: { key: string }) => i.key);
    expect(byCreated).toEqual([b.body.key, a.body.key]);
    await h.req({ method: 'DELETE', url: `/api/v1/issues/${a.body.key}`, as: h.owner });
    await h.req({ method: 'DELETE', url: `/api/v1/issues/${b.body.key}`, as: h.owner });
  });

  it('answers 400 pointing at the problem', async () => {
    const bad = await get('status:open (priority:high');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'invalid',
      details: { position: 26, length: 0, expected: [')'] },
    });
    const unknown = await get('label:x colour:red');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('colour');
    expect(unknown.body.error.details).toMatchObject({ position: 8, length: 6 });
    const badValue = await get('priority:>=hihg');
    expect(badValue.body.error.details).toMatchObject({
      position: 11,
      length: 4,
      expected: ['none', 'low', 'medium', 'high', 'urgent'],
    });
  });

  it('keeps the endpoint filter parameters working together with q', async () => {
    const r = await get('priority:>=medium', '&project=OPS&label=perf');
    const keys = (r.body.items as { key: string }[]).map((i) => i.key).sort();
    expect(keys).toEqual(expected('priority:>=medium project:OPS label:perf'));
  });

  describe('keyset paging', () => {
    for (const sort of [
      'created-desc',
      'updated-asc',
      'priority-desc',
      'priority-asc',
      'due-asc',
      'due-desc',
      'closed-desc',
      'estimate-asc',
      'relevance-desc',
    ]) {
      it(`pages through every row exactly once with sort:${sort}`, async () => {
        const q = `${sort.startsWith('relevance') ? '(crash OR slow OR cart) ' : ''}sort:${sort}`;
        const full = (await get(q)).body.items.map((i: { key: string }) => i.key);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const r = await h.req({
            method: 'GET',
            url: `/api/v1/issues?q=${encodeURIComponent(q)}&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
            as: h.owner,
          });
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          seen.push(...r.body.items.map((i: { key: string }) => i.key));
          cursor = r.body.nextCursor;
        } while (cursor);
        expect(seen).toEqual(full);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBeGreaterThan(10);
      });
    }
    it('refuses a cursor from another sort', async () => {
      const first = await get('sort:priority-desc', '&limit=2');
      const r = await h.req({
        method: 'GET',
        url: `/api/v1/issues?q=sort:due&limit=2&cursor=${first.body.nextCursor}`,
        as: h.owner,
      });
      expect(r.status).toBe(400);
    });
  });

  // ---- properties ----

  const atom = fc.oneof(
    fc.constantFrom(...STATUSES, 'open', 'closed').map((s) => `status:${s}`),
    fc.constantFrom('open', 'closed', 'unassigned', 'assigned').map((s) => `is:${s}`),
    fc
      .tuple(fc.constantFrom('', '>', '>=', '<', '<='), fc.constantFrom(...PRIORITIES))
      .map(([o, p]) => `priority:${o}${p}`),
    fc.constantFrom('@me', 'none', 'owner@example.com', 'nobody@example.com').map((a) => `assignee:${a}`),
    fc.constantFrom('design', 'Marketing', 'nope', 'none').map((t) => `team:${t}`),
    fc.constantFrom(...LABELS, 'missing').map((l) => `label:${l}`),
    fc.constantFrom(...TYPES).map((t) => `type:${t}`),
    fc.constantFrom('APP', 'ops', 'NONE').map((p) => `project:${p}`),
    fc.constantFrom('manual', 'error').map((k) => `kind:${k}`),
    fc
      .tuple(
        fc.constantFrom('created', 'updated', 'closed'),
        fc.constantFrom('', '>', '>=', '<', '<='),
        fc.constantFrom('-7d', '-2w', '-30d', '-1m', '+1d'),
      )
      .map(([f, o, v]) => `${f}:${o}${v}`),
    fc
      .tuple(
        fc.constantFrom('created', 'updated', 'due'),
        fc.constantFrom('', '>', '<', '<=', '>='),
        fc.integer({ min: -40, max: 40 }),
      )
      .map(([f, o, d]) => `${f}:${o}${new Date(Date.now() + d * DAY).toISOString().slice(0, 10)}`),
    fc.constantFrom('due:none', 'closed:none', 'estimate:none', 'due:+14d', 'due:-14d'),
    fc
      .tuple(fc.constantFrom('', '>', '>=', '<', '<='), fc.constantFrom('60', '120', '2h', '8h'))
      .map(([o, v]) => `estimate:${o}${v}`),
    fc.constantFrom(...VOCAB).map((w) => `title:${w}`),
    fc.constantFrom(...VOCAB),
    fc.constantFrom(...VOCAB).map((w) => `"${w}"`),
    fc.constantFrom(...VOCAB).map((w) => `${w}-${VOCAB[(VOCAB.indexOf(w) + 3) % VOCAB.length]}`),
  );
  const { expr } = fc.letrec<{ expr: string; group: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      fc
        .tuple(tie('expr'), fc.constantFrom(' ', ' AND ', ' OR '), tie('expr'))
        .map(([a, op, b]) => `${a}${op}${b}`),
      tie('group'),
      tie('expr').map((e) => `-${/^[(-]/.test(e) || !e.includes(' ') ? e : `(${e})`}`),
      tie('expr').map((e) => `NOT (${e})`),
    ),
    group: tie('expr').map((e) => `(${e})`),
  }));

  it('returns exactly what the reference filter returns for random structured queries', async () => {
    await fc.assert(
      fc.asyncProperty(expr, async (q) => {
        expect(await actual(q), q).toEqual(expected(q));
      }),
      { numRuns: testSize(150, 2000) },
    );
  });

  it('never answers 500 to random text, and every 400 points inside the query', async () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '(',
        ')',
        '"',
        '-',
        ':',
        '>',
        '<',
        '=',
        'OR',
        'AND',
        'NOT',
        ' ',
        '\\',
        '@me',
        "'",
        ';',
        '%',
        '_',
        '*',
      ),
      fc.constantFrom(
        'status',
        'priority',
        'due',
        'created',
        'label',
        'sort',
        'team',
        'estimate',
        'is',
        'title',
        'x',
      ),
      fc.constantFrom('high', '-7d', '2026-12-01', 'open', 'priority-desc', '120', 'nope'),
      fc.string({ maxLength: 6 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 25 }).map((xs) => xs.join('')),
        async (q) => {
          const r = await get(q);
          expect([200, 400], `${q} → ${JSON.stringify(r.body)}`).toContain(r.status);
          if (r.status === 400 && r.body.error.details?.position !== undefined) {
            const { position, length } = r.body.error.details;
            expect(position + length).toBeLessThanOrEqual(q.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
