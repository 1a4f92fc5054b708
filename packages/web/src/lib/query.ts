/**
 * The query bar's autocompletion: the qualifiers it offers and the token under the caret. Parsing,
 * meaning and errors are core's (core/query), on both sides; the text goes to the server as typed.
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

export type Resolvers = {
  user: (v: string) => number | null;
  statuses: string[];
  /** The signed-in user, for `assignee:@me` previews. */
  me?: number | null;
};

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
