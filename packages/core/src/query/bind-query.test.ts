import { describe, expect, it } from 'vitest';
import { bindQuery } from './bind-query.ts';
import { parseQuery } from './parse-query.ts';
import { QueryError } from './query-error.ts';

const NOW = Date.UTC(2026, 4, 20, 15, 30); // 2026-05-20T15:30Z
const DAY = 86_400_000;
const bind = (q: string) => bindQuery(parseQuery(q).where!, NOW);
const conds = (q: string) => {
  const b = bind(q);
  const list = b.k === 'and' ? b.items : [b];
  return list.map((x) => (x.k === 'cond' ? x.cond : x));
};

function errorOf(q: string) {
  try {
    bind(q);
  } catch (e) {
    expect(e).toBeInstanceOf(QueryError);
    return (e as QueryError).details;
  }
  throw new Error(`"${q}" bound`);
}

describe('bindQuery', () => {
  it('maps status words to categories and other values to keys or categories', () => {
    expect(conds('status:open')).toEqual([{ c: 'category', in: ['backlog', 'todo', 'in_progress'] }]);
    expect(conds('is:closed')).toEqual([{ c: 'category', in: ['done', 'cancelled'] }]);
    expect(conds('status:In_Review')).toEqual([{ c: 'status', value: 'in_review' }]);
  });

  it('binds impact counts, first/last seen in the date syntax, and route patterns', () => {
    expect(conds('users:>100')).toEqual([{ c: 'impact', field: 'users', op: '>', value: 100 }]);
    expect(conds('lastseen:-1h')).toEqual([
      { c: 'impact', field: 'lastseen', op: '>=', value: NOW - 3_600_000 },
      { c: 'impact', field: 'lastseen', op: '<=', value: NOW },
    ]);
    expect(conds('firstseen:<2026-05-01')).toEqual([
      { c: 'impact', field: 'firstseen', op: '<', value: Date.UTC(2026, 4, 1) },
    ]);
    expect(conds('route:/checkout*')).toEqual([{ c: 'route', pattern: '/checkout*' }]);
    expect(errorOf('users:>lots')?.position).toBe(7);
    expect(errorOf('route:>/a')?.expected).toEqual(['route:value']);
  });

  it('compares priorities by rank', () => {
    expect(conds('priority:>=high')).toEqual([{ c: 'cmp', field: 'priority', op: '>=', value: 3 }]);
    expect(errorOf('priority:>=hgh')).toEqual({
      field: 'q',
      position: 11,
      length: 3,
      expected: ['none', 'low', 'medium', 'high', 'urgent'],
    });
  });

  it('turns calendar days into half-open UTC ranges and relative times into instants', () => {
    const may1 = Date.UTC(2026, 4, 1);
    expect(conds('created:2026-05-01')).toEqual([
      { c: 'cmp', field: 'created', op: '>=', value: may1 },
      { c: 'cmp', field: 'created', op: '<', value: may1 + DAY },
    ]);
    expect(conds('created:>2026-05-01')).toEqual([
      { c: 'cmp', field: 'created', op: '>=', value: may1 + DAY },
    ]);
    expect(conds('created:<=2026-05-01')).toEqual([
      { c: 'cmp', field: 'created', op: '<', value: may1 + DAY },
    ]);
    expect(conds('updated:>-7d')).toEqual([{ c: 'cmp', field: 'updated', op: '>', value: NOW - 7 * DAY }]);
    expect(conds('updated:-24h')).toEqual([
      { c: 'cmp', field: 'updated', op: '>=', value: NOW - DAY },
      { c: 'cmp', field: 'updated', op: '<=', value: NOW },
    ]);
    expect(conds('closed:>-1m')).toEqual([
      { c: 'cmp', field: 'closed', op: '>', value: Date.UTC(2026, 3, 20, 15, 30) },
    ]);
  });

  it('compares due dates as calendar days', () => {
    expect(conds('due:<2026-12-01')).toEqual([{ c: 'cmp', field: 'due', op: '<', value: '2026-12-01' }]);
    expect(conds('due:+7d')).toEqual([
      { c: 'cmp', field: 'due', op: '>=', value: '2026-05-20' },
      { c: 'cmp', field: 'due', op: '<=', value: '2026-05-27' },
    ]);
    expect(conds('due:none')).toEqual([{ c: 'null', field: 'due' }]);
    expect(errorOf('due:<2026-02-30')).toMatchObject({ position: 5, length: 10 });
    expect(errorOf('due:soon')).toMatchObject({ position: 4, length: 4 });
  });

  it('reads estimates in minutes or hours', () => {
    expect(conds('estimate:>120')).toEqual([{ c: 'cmp', field: 'estimate', op: '>', value: 120 }]);
    expect(conds('estimate:<=2h')).toEqual([{ c: 'cmp', field: 'estimate', op: '<=', value: 120 }]);
    expect(errorOf('estimate:>lots')).toMatchObject({ position: 10, length: 4 });
  });

  it('reads people as @me, ids, emails or none', () => {
    expect(conds('assignee:@me reporter:7 assignee:Mia@Example.com')).toEqual([
      { c: 'user', field: 'assignee', who: { me: true } },
      { c: 'user', field: 'reporter', who: { id: 7 } },
      { c: 'user', field: 'assignee', who: { email: 'mia@example.com' } },
    ]);
    expect(conds('assignee:none')).toEqual([{ c: 'null', field: 'assignee' }]);
    expect(conds('team:none')).toEqual([{ c: 'null', field: 'team' }]);
    expect(bind('is:assigned')).toEqual({
      k: 'not',
      item: { k: 'cond', cond: { c: 'unassigned' }, span: expect.anything() },
    });
    expect(errorOf('assignee:mia')).toMatchObject({ position: 9, length: 3 });
  });

  it('refuses comparisons where only equality makes sense, and bad kinds', () => {
    expect(errorOf('label:>x')).toMatchObject({ position: 6, length: 1 });
    expect(errorOf('kind:robot')).toMatchObject({ position: 5, length: 5 });
    expect(errorOf('is:pending')).toMatchObject({ position: 3, length: 7 });
  });

  it('leaves unknown qualifiers to extensions with their source position', () => {
    expect(conds('"Customer tier":gold')).toEqual([
      {
        c: 'extension',
        term: expect.objectContaining({
          field: 'customer tier',
          rawField: 'Customer tier',
          value: 'gold',
          pos: 0,
        }),
      },
    ]);
  });
});
