import { describe, expect, it } from 'vitest';
import { parseQuery } from './parse-query.ts';
import type { QueryNode } from './query-ast.ts';
import { QueryError } from './query-error.ts';

/** A compact rendering of a tree: terms as field op value, text in quotes, operators as words. */
function show(n: QueryNode | null): string {
  if (!n) return '∅';
  switch (n.kind) {
    case 'term':
      return `${n.field}${n.op === '=' ? ':' : `:${n.op}`}${n.value}`;
    case 'text':
      return n.quoted ? `"${n.text}"` : `'${n.text}'`;
    case 'not':
      return `NOT(${show(n.item)})`;
    default:
      return `${n.kind.toUpperCase()}(${n.items.map(show).join(' ')})`;
  }
}

function errorOf(q: string) {
  try {
    parseQuery(q);
  } catch (e) {
    expect(e).toBeInstanceOf(QueryError);
    return (e as QueryError).details;
  }
  throw new Error(`"${q}" parsed`);
}

describe('parseQuery', () => {
  it('parses the examples from the brief', () => {
    expect(
      show(parseQuery('status:open priority:>=high assignee:@me label:checkout "slow load"').where),
    ).toBe(`AND(status:open priority:>=high assignee:@me label:checkout "slow load")`);
    expect(show(parseQuery('type:risk (team:design OR team:marketing) due:<2026-12-01').where)).toBe(
      'AND(type:risk OR(team:design team:marketing) due:<2026-12-01)',
    );
    const q = parseQuery('-label:wontfix updated:>-7d sort:priority-desc');
    expect(show(q.where)).toBe('AND(NOT(label:wontfix) updated:>-7d)');
    expect(q.sort).toMatchObject([{ field: 'priority', dir: 'desc', pos: 28, len: 18 }]);
    expect(show(parseQuery('"Customer tier":gold milestone:"v2 launch"').where)).toBe(
      'AND(customer tier:gold milestone:v2 launch)',
    );
  });

  it('binds OR looser than AND, and NOT tighter than both', () => {
    expect(show(parseQuery('a b OR c').where)).toBe("OR(AND('a' 'b') 'c')");
    expect(show(parseQuery('a AND (b OR c)').where)).toBe("AND('a' OR('b' 'c'))");
    expect(show(parseQuery('NOT a b').where)).toBe("AND(NOT('a') 'b')");
    expect(show(parseQuery('-(a OR b) --c').where)).toBe("AND(NOT(OR('a' 'b')) NOT(NOT('c')))");
  });

  it('keeps lower-case or/and/not as text and a dash inside a word as part of it', () => {
    expect(show(parseQuery('slow or broken').where)).toBe("AND('slow' 'or' 'broken')");
    expect(show(parseQuery('sign-in fails').where)).toBe("AND('sign-in' 'fails')");
    expect(show(parseQuery('a - b').where)).toBe("AND('a' '-' 'b')");
  });

  it('reads quoted names and values with escapes and colons', () => {
    const n = parseQuery('"Customer tier":"gold \\"plus\\"" url:https://x.test/a').where;
    expect(show(n)).toBe('AND(customer tier:gold "plus" url:https://x.test/a)');
    if (n?.kind !== 'and') throw new Error('and');
    expect(n.items[0]).toMatchObject({ rawField: 'Customer tier', valueQuoted: true, pos: 0, valuePos: 16 });
  });

  it('returns no conditions for an empty query or one that only sorts', () => {
    expect(parseQuery('   ')).toEqual({ where: null, sort: [] });
    expect(parseQuery('sort:due')).toMatchObject({ where: null, sort: [{ field: 'due', dir: 'asc' }] });
  });

  it('points at the problem with position, length and what was expected', () => {
    expect(errorOf('status:open "slow')).toEqual({
      field: 'q',
      position: 12,
      length: 5,
      expected: ['a closing "'],
    });
    expect(errorOf('(a OR b')).toEqual({ field: 'q', position: 7, length: 0, expected: [')'] });
    expect(errorOf('a) b')).toMatchObject({ position: 1, length: 1 });
    expect(errorOf('a OR')).toMatchObject({ position: 4, length: 0, expected: ['a qualifier', 'text', '('] });
    expect(errorOf('OR a')).toMatchObject({ position: 0, length: 2 });
    expect(errorOf('label: x')).toMatchObject({ position: 6, length: 0, expected: ['a value'] });
    expect(errorOf('a :x')).toMatchObject({ position: 2, length: 1 });
    expect(errorOf('()')).toMatchObject({ position: 0, length: 2 });
    expect(errorOf('x sort:sideways')).toMatchObject({ position: 7, length: 8 });
    expect(errorOf('x (sort:due a)')).toMatchObject({ position: 3, length: 8 });
    expect(errorOf('a OR sort:due')).toMatchObject({ position: 5, length: 8 });
    expect(errorOf('sort:due sort:due-desc')).toMatchObject({ position: 9 });
  });

  it('bounds nesting and size instead of recursing without end', () => {
    expect(errorOf(`${'('.repeat(50)}a${')'.repeat(50)}`)).toMatchObject({ expected: ['fewer parentheses'] });
    expect(errorOf(`${'-'.repeat(50)}a`)).toMatchObject({ expected: ['fewer negations'] });
    expect(errorOf('a '.repeat(101))).toMatchObject({ position: 200, expected: ['fewer conditions'] });
    expect(errorOf('a'.repeat(2001))).toMatchObject({ position: 2000 });
  });
});
