import type { Bound } from '@closeloop/core/query/bind-query';
import { evaluateQuery, type QueryContext, type QueryFacts } from '@closeloop/core/query/evaluate-query';

/**
 * The reference the SQL compiler's results are compared with: core's plain evaluation of a bound
 * query (the same one the web preview uses) over issues as the API returns them. Free text is
 * whole-word matching over title, description and comments, which agrees with both engines for the
 * test vocabulary (no word is a prefix or stem of another).
 */
/** An issue as the API returns it (ISO times), with its words. */
export type RefIssue = Omit<QueryFacts, 'createdAt' | 'updatedAt' | 'closedAt' | 'labels' | 'routes'> & {
  key: string;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Lower-case words of title, description and comments. */
  words: Set<string>;
  /** Routes and endpoints of its events. */
  routes?: string[];
};

export interface RefWorld {
  actorId: number;
  usersByEmail: Map<string, number>;
  teams: { id: number; key: string; name: string }[];
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];

type Facts = QueryFacts & { words: Set<string> };

function factsOf(i: RefIssue): Facts {
  return {
    ...i,
    createdAt: Date.parse(i.createdAt),
    updatedAt: Date.parse(i.updatedAt),
    closedAt: i.closedAt === null ? null : Date.parse(i.closedAt),
    routes: i.routes ?? [],
  };
}

function contextOf(w: RefWorld): QueryContext<Facts> {
  return {
    me: w.actorId,
    userByEmail: (email) => w.usersByEmail.get(email) ?? -1,
    teamIds: (t) =>
      w.teams
        .filter((x) => ('id' in t ? x.id === t.id : x.key === t.name.toLowerCase() || x.name === t.name))
        .map((x) => x.id),
    text: (i, text) => {
      const ws = words(text);
      return ws.length === 0 || ws.every((x) => i.words.has(x));
    },
  };
}

export function evaluate(b: Bound, i: RefIssue, w: RefWorld): boolean {
  const v = evaluateQuery(b, factsOf(i), contextOf(w));
  if (v === undefined) throw new Error('the reference knows no extensions');
  return v;
}

export { words as referenceWords };
