import {
  type ParsedQuery,
  type QueryNode,
  SORT_FIELDS,
  type SortDirective,
  type SortField,
  type Span,
} from './query-ast.ts';
import { QueryError } from './query-error.ts';
import { type Token, tokenize } from './tokenize.ts';

/** Bounds that keep one query's SQL small: nesting depth and number of conditions. */
export const MAX_DEPTH = 20;
export const MAX_TERMS = 100;

/** Natural direction when a sort directive gives none: newest / most urgent / soonest first. */
const DEFAULT_DIR: Record<SortField, 'asc' | 'desc'> = {
  created: 'desc',
  updated: 'desc',
  priority: 'desc',
  due: 'asc',
  closed: 'desc',
  estimate: 'desc',
  events: 'desc',
  users: 'desc',
  sessions: 'desc',
  firstseen: 'desc',
  lastseen: 'desc',
  relevance: 'desc',
};

const spanOf = (a: Span, b: Span): Span => ({ pos: a.pos, len: b.pos + b.len - a.pos });

/**
 * query   := or EOF
 * or      := and ('OR' and)*
 * and     := unary (['AND'] unary)*
 * unary   := ('-' | 'NOT') unary | primary
 * primary := '(' or ')' | term | text
 *
 * `sort:` directives may only sit at the top level (never inside parentheses, OR or NOT),
 * because they order the whole result.
 */
export function parseQuery(input: string): ParsedQuery {
  const tokens = tokenize(input);
  let i = 0;
  let terms = 0;
  const end: Span = { pos: input.length, len: 0 };
  const peek = (): Token | undefined => tokens[i];
  const sortNodes = new Map<QueryNode, SortDirective>();

  const fail = (message: string, at: Span, expected: string[]): never => {
    throw new QueryError(message, at, expected);
  };

  const parseOr = (depth: number): QueryNode => {
    if (depth > MAX_DEPTH)
      fail(`Parentheses nest at most ${MAX_DEPTH} deep`, peek() ?? end, ['fewer parentheses']);
    const items = [parseAnd(depth)];
    while (peek()?.type === 'or') {
      i++;
      items.push(parseAnd(depth));
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items, ...spanOf(items[0]!, items.at(-1)!) };
  };

  const parseAnd = (depth: number): QueryNode => {
    const items = [parseUnary(depth)];
    for (;;) {
      const t = peek();
      if (!t || t.type === 'or' || t.type === 'rparen') break;
      if (t.type === 'and') i++;
      items.push(parseUnary(depth));
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items, ...spanOf(items[0]!, items.at(-1)!) };
  };

  const parseUnary = (depth: number): QueryNode => {
    const t = peek();
    if (t && (t.type === 'neg' || t.type === 'not')) {
      if (depth > MAX_DEPTH) fail(`Negations nest at most ${MAX_DEPTH} deep`, t, ['fewer negations']);
      i++;
      const item = parseUnary(depth + 1);
      return { kind: 'not', item, ...spanOf(t, item) };
    }
    return parsePrimary(depth);
  };

  const parsePrimary = (depth: number): QueryNode => {
    const t = peek();
    if (!t) return fail('The query ends where a condition was expected', end, ['a qualifier', 'text', '(']);
    if (++terms > MAX_TERMS) fail(`A query has at most ${MAX_TERMS} conditions`, t, ['fewer conditions']);
    switch (t.type) {
      case 'lparen': {
        i++;
        if (peek()?.type === 'rparen')
          fail('Empty parentheses', { pos: t.pos, len: 2 }, ['a condition inside ( )']);
        const inner = parseOr(depth + 1);
        const close = peek();
        if (close?.type !== 'rparen') {
          return fail('This parenthesis is never closed', close ?? end, [')']);
        }
        i++;
        // Keep the inner node itself (not a copy) so a sort: inside parentheses is still recognised and refused.
        return inner;
      }
      case 'term': {
        i++;
        const node: QueryNode = {
          kind: 'term',
          field: t.field.toLowerCase(),
          rawField: t.field,
          fieldLen: t.fieldLen,
          op: t.op,
          value: t.value,
          valueQuoted: t.valueQuoted,
          valuePos: t.valuePos,
          valueLen: t.valueLen,
          pos: t.pos,
          len: t.len,
        };
        if (node.field === 'sort') sortNodes.set(node, sortDirective(node));
        return node;
      }
      case 'text':
        i++;
        return { kind: 'text', text: t.text, quoted: t.quoted, pos: t.pos, len: t.len };
      case 'rparen':
        return fail('This ")" closes nothing', t, ['a condition']);
      default:
        return fail(`"${input.slice(t.pos, t.pos + t.len)}" needs a condition before it`, t, [
          'a qualifier',
          'text',
          '(',
        ]);
    }
  };

  if (tokens.length === 0) return { where: null, sort: [] };
  const root = parseOr(0);
  const extra = peek();
  if (extra) fail('This ")" closes nothing', extra, ['OR', 'a condition', 'the end of the query']);

  // Lift top-level sort directives out of the tree; any other place is an error.
  const sort: SortDirective[] = [];
  let where: QueryNode | null = root;
  if (sortNodes.has(root)) {
    sort.push(sortNodes.get(root)!);
    where = null;
  } else if (root.kind === 'and') {
    const rest = root.items.filter((n) => {
      const s = sortNodes.get(n);
      if (s) sort.push(s);
      return !s;
    });
    where = rest.length === 0 ? null : rest.length === 1 ? rest[0]! : { ...root, items: rest };
  }
  if (where) rejectNestedSort(where, sortNodes);
  const seen = new Set<SortField>();
  for (const s of sort) {
    if (seen.has(s.field)) fail(`The query sorts by ${s.field} twice`, s, ['one sort per field']);
    seen.add(s.field);
  }
  return { where, sort };
}

function rejectNestedSort(n: QueryNode, sortNodes: Map<QueryNode, SortDirective>): void {
  if (sortNodes.has(n)) {
    throw new QueryError('sort: orders the whole query; it cannot sit inside parentheses, OR or NOT', n, [
      'sort: at the top level',
    ]);
  }
  if (n.kind === 'and' || n.kind === 'or') for (const c of n.items) rejectNestedSort(c, sortNodes);
  if (n.kind === 'not') rejectNestedSort(n.item, sortNodes);
}

function sortDirective(t: Extract<QueryNode, { kind: 'term' }>): SortDirective {
  const at = { pos: t.valuePos, len: t.valueLen };
  const m = /^([a-z]+)(?:-(asc|desc))?$/.exec(t.value.toLowerCase());
  const field = m?.[1] as SortField | undefined;
  if (t.op !== '=' || !m || !field || !SORT_FIELDS.includes(field)) {
    throw new QueryError(
      `"${t.value}" is not a sort order`,
      at,
      SORT_FIELDS.flatMap((f) => [`${f}-asc`, `${f}-desc`]),
    );
  }
  return { field, dir: (m[2] as 'asc' | 'desc' | undefined) ?? DEFAULT_DIR[field], pos: t.pos, len: t.len };
}
