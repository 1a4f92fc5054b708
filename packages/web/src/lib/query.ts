import { PRIORITIES, type Priority } from '@closeloop/shared/issue-fields';

/**
 * The query bar's client side: tokenises `status:todo priority:>=high assignee:@me "slow load"`
 * for autocompletion and readable errors, and maps it to the list filter parameters while the
 * server's own query language (`?q=`) is not there. With `q` support the text goes as typed.
 */

export type Token = {
  start: number;
  end: number;
  raw: string;
  negated: boolean;
  key: string | null;
  value: string;
};

export const QUALIFIERS: { key: string; hint: string }[] = [
  { key: 'status', hint: 'open, closed or a status' },
  { key: 'priority', hint: 'urgent … none, >=high' },
  { key: 'assignee', hint: '@me, none or a person' },
  { key: 'team', hint: 'a team key' },
  { key: 'label', hint: 'a label' },
  { key: 'type', hint: 'risk, bug, task…' },
  { key: 'project', hint: 'a project key' },
  { key: 'kind', hint: 'manual, error, performance…' },
  { key: 'sort', hint: 'created, updated, priority, due (-asc/-desc)' },
];

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /(-?)(?:([A-Za-z_][\w.]*):)?("(?:[^"\\]|\\.)*"?|[^\s"]*)/y;
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m || m[0].length === 0) {
      i++;
      continue;
    }
    const value = m[3]!.startsWith('"') ? m[3]!.replace(/^"|"$/g, '') : m[3]!;
    out.push({
      start: i,
      end: i + m[0].length,
      raw: m[0],
      negated: m[1] === '-',
      key: m[2]?.toLowerCase() ?? null,
      value,
    });
    i += m[0].length;
  }
  return out;
}

export class QueryError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

export type Resolvers = {
  user: (v: string) => number | null;
  statuses: string[];
  /** The signed-in user, for `assignee:@me` previews. */
  me?: number | null;
};

/** Maps a query to `GET /api/v1/issues` parameters; throws QueryError pointing at the problem. */
export function toFilterParams(text: string, r: Resolvers): Record<string, string> {
  const params: Record<string, string[]> = {};
  const free: string[] = [];
  let sort: string | null = null;
  let order: string | null = null;
  const add = (k: string, v: string[]) => {
    params[k] = [...(params[k] ?? []), ...v];
  };
  for (const t of tokenize(text)) {
    if (t.raw === 'AND' || t.raw === 'OR' || t.raw.startsWith('(')) {
      throw new QueryError(
        `"${t.raw}" needs the server query language, which this server does not have yet`,
        t.start,
      );
    }
    if (!t.key) {
      free.push(t.value);
      continue;
    }
    if (t.negated) throw new QueryError(`Negation (-${t.key}:) needs the server query language`, t.start);
    const vals = t.value.split(',').filter(Boolean);
    if (!vals.length) throw new QueryError(`${t.key}: needs a value`, t.end);
    switch (t.key) {
      case 'status':
        add('status', vals);
        break;
      case 'priority':
        add(
          'priority',
          vals.flatMap((v) => priorityRange(v, t.start)),
        );
        break;
      case 'assignee':
        add(
          'assignee',
          vals.map((v) => {
            if (v === '@me' || v === 'me') return 'me';
            if (v === 'none') return 'none';
            if (/^\d+$/.test(v)) return v;
            const id = r.user(v);
            if (id == null)
              throw new QueryError(`No person matches "${v}"`, t.start + (t.key?.length ?? 0) + 1);
            return String(id);
          }),
        );
        break;
      case 'team':
      case 'label':
      case 'type':
      case 'kind':
        add(t.key, vals);
        break;
      case 'project':
        add('project', [vals[0]!.toUpperCase()]);
        break;
      case 'sort': {
        const m = /^(created|updated|priority|due)(?:-(asc|desc))?$/.exec(vals[0]!);
        if (!m)
          throw new QueryError(
            'sort: is one of created, updated, priority, due, with -asc or -desc',
            t.start,
          );
        sort = m[1]!;
        order = m[2] ?? 'desc';
        break;
      }
      default:
        throw new QueryError(
          `Unknown qualifier "${t.key}:". Try ${QUALIFIERS.map((q) => q.key).join(', ')}`,
          t.start,
        );
    }
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) out[k] = [...new Set(v)].join(',');
  if (free.length) out.text = free.join(' ');
  if (sort) out.sort = sort;
  if (order) out.order = order;
  return out;
}

function priorityRange(v: string, pos: number): Priority[] {
  const m = /^(>=|<=|>|<)?(\w+)$/.exec(v);
  const p = m?.[2] as Priority | undefined;
  if (!m || !p || !PRIORITIES.includes(p))
    throw new QueryError(`"${v}" is not a priority (${PRIORITIES.join(', ')})`, pos);
  const i = PRIORITIES.indexOf(p);
  switch (m[1]) {
    case '>=':
      return PRIORITIES.slice(i);
    case '>':
      return PRIORITIES.slice(i + 1);
    case '<=':
      return PRIORITIES.slice(0, i + 1);
    case '<':
      return PRIORITIES.slice(0, i);
    default:
      return [p];
  }
}

/** The token under the caret, for autocompletion. */
export function tokenAt(
  text: string,
  caret: number,
): { start: number; end: number; key: string | null; value: string; negated: boolean } {
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  let end = caret;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  const raw = text.slice(start, end);
  const negated = raw.startsWith('-');
  const body = negated ? raw.slice(1) : raw;
  const colon = body.indexOf(':');
  if (colon < 0) return { start, end, key: null, value: body, negated };
  return { start, end, key: body.slice(0, colon).toLowerCase(), value: body.slice(colon + 1), negated };
}
