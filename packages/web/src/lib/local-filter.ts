import { type Bound, bindQuery } from '@closeloop/core/query/bind-query';
import { evaluateQuery, type QueryContext, type QueryFacts } from '@closeloop/core/query/evaluate-query';
import { parseQuery } from '@closeloop/core/query/parse-query';
import type { QueryNode } from '@closeloop/core/query/query-ast';
import type { Issue } from '@closeloop/shared/api/issues';
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * An instant preview of a query over issues already in memory, shown while the server answers
 * (DESIGN §5: filter < 100 ms at 10,000 issues; the server round trip alone is 150–500 ms on the
 * shared machine). The query is parsed and bound by core, as on the server, and evaluated by
 * core's evaluator, so the preview and the server read every qualifier the same way. Where only
 * the server can decide (custom fields, relations, routes, a team by name, a person the directory
 * does not know) there is no preview and the page waits. Free text here matches word prefixes of
 * the title and description (the server also searches comments and ranks); the server's answer
 * always replaces the preview.
 */
export type Predicate = (i: Issue) => boolean;

type Facts = QueryFacts & { key: string; words: string[]; text: string };

const wordsOf = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
const ms = (s: string | null | undefined) => (s ? Date.parse(s) : null);

function factsOf(i: Issue): Facts {
  const text = `${i.title} ${i.description ?? ''}`.toLowerCase();
  return {
    ...i,
    createdAt: Date.parse(i.createdAt),
    updatedAt: Date.parse(i.updatedAt),
    closedAt: ms(i.closedAt),
    impact: i.impact && {
      events: i.impact.events,
      users: i.impact.users,
      sessions: i.impact.sessions,
      firstseen: Date.parse(i.impact.firstSeen),
      lastseen: Date.parse(i.impact.lastSeen),
    },
    routes: undefined,
    text,
    words: wordsOf(text),
  };
}

function contextOf(me: number | null): QueryContext<Facts> {
  return {
    me,
    userByEmail: () => undefined,
    teamIds: (t) => ('id' in t ? [t.id] : undefined),
    text: (i, text, phrase) => {
      if (phrase) return i.text.includes(text.toLowerCase());
      if (text.trim().toUpperCase() === i.key) return true;
      return wordsOf(text).every((w) => i.words.some((x) => x.startsWith(w)));
    },
  };
}

/** People written by handle (`assignee:priya`) become ids, as the query bar sends them. */
function resolveHandles(node: QueryNode, user: (v: string) => number | null): boolean {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.items.every((n) => resolveHandles(n, user));
    case 'not':
      return resolveHandles(node.item, user);
    case 'text':
      return true;
    case 'term': {
      if (node.field !== 'assignee' && node.field !== 'reporter') return true;
      const v = node.value.trim().toLowerCase();
      if (['me', '@me', 'none'].includes(v) || /^\d+$/.test(v) || v.includes('@', 1)) return true;
      const id = user(v.replace(/^@/, ''));
      if (id == null) return false;
      node.value = String(id);
      return true;
    }
  }
}

/** Whether every condition can be decided from an issue in memory. */
function decidable(b: Bound, ctx: QueryContext<Facts>): boolean {
  switch (b.k) {
    case 'const':
      return true;
    case 'not':
      return decidable(b.item, ctx);
    case 'and':
    case 'or':
      return b.items.every((x) => decidable(x, ctx));
    case 'cond': {
      const c = b.cond;
      if (c.c === 'extension' || c.c === 'route') return false;
      if (c.c === 'team') return ctx.teamIds(c.team) !== undefined;
      if (c.c === 'user') return 'me' in c.who ? ctx.me !== null : 'id' in c.who;
      return true;
    }
  }
}

export function localPredicate(
  text: string,
  opts: { user: (v: string) => number | null; me?: number | null },
): Predicate | null {
  let bound: Bound | null;
  try {
    const parsed = parseQuery(text);
    if (parsed.where && !resolveHandles(parsed.where, opts.user)) return null;
    bound = parsed.where ? bindQuery(parsed.where, Date.now()) : null;
  } catch {
    return null; // the query bar shows the server's (and core's) explanation
  }
  if (!bound) return () => true;
  const ctx = contextOf(opts.me ?? null);
  if (!decidable(bound, ctx)) return null;
  const b = bound;
  return (i) => evaluateQuery(b, factsOf(i), ctx) === true;
}

type Page = { items: Issue[]; nextCursor: string | null };

/** Issues of every cached query whose key starts with `prefix`, freshest version of each once. */
export function cachedIssues(qc: QueryClient, prefix: QueryKey, accept: (key: QueryKey) => boolean): Issue[] {
  const latest = new Map<string, Issue>();
  for (const [key, data] of qc.getQueriesData<InfiniteData<Page>>({ queryKey: prefix })) {
    if (!data?.pages || !accept(key)) continue;
    for (const p of data.pages)
      for (const i of p.items) {
        const prev = latest.get(i.key);
        if (!prev || prev.version < i.version) latest.set(i.key, i);
      }
  }
  return [...latest.values()];
}
