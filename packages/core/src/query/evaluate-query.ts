import { PRIORITY_RANK, type Priority } from '@closeloop/shared/issue-fields';
import type { Bound, Condition, ImpactField } from './bind-query.ts';

/**
 * A bound query evaluated over one issue in plain TypeScript. The answer is true, false, or
 * undefined when the facts at hand cannot decide: a condition only the server can answer (custom
 * field and relation extensions), or a person, team or text the caller cannot resolve. The web
 * app's instant preview and the server's reference for its SQL both use this one reading of the
 * bound tree, so neither restates what a qualifier means.
 */
export interface QueryFacts {
  projectKey: string;
  type: string;
  kind: string;
  title: string;
  status: string;
  statusCategory: string;
  priority: Priority;
  assigneeUserId: number | null;
  assigneeTeamId: number | null;
  reporterId: number | null;
  labels: readonly string[];
  /** 'YYYY-MM-DD'. */
  dueDate: string | null;
  estimateMinutes: number | null;
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  /** What a machine-found issue's event groups add up to (epoch ms for first/last seen); absent: none. */
  impact?: Partial<Record<ImpactField, number>>;
  /** Routes and endpoints of its events; absent: not known here. */
  routes?: readonly string[];
}

export type TeamRef = { id: number } | { name: string };

export interface QueryContext<F extends QueryFacts> {
  /** The signed-in person (`@me`); null: not known. */
  me: number | null;
  userByEmail(email: string): number | undefined;
  /** Ids of the teams a ref names; undefined: the caller cannot say. */
  teamIds(team: TeamRef): readonly number[] | undefined;
  /** Whether the issue's text matches the words or phrase; undefined: the caller holds too little text. */
  text(issue: F, text: string, phrase: boolean): boolean | undefined;
}

export type Verdict = boolean | undefined;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compare(a: number | string | null | undefined, op: string, b: number | string): boolean {
  if (a === null || a === undefined) return false;
  switch (op) {
    case '=':
      return a === b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    default:
      return a <= b;
  }
}

function fieldOf(i: QueryFacts, f: string): number | string | null {
  switch (f) {
    case 'priority':
      return PRIORITY_RANK[i.priority];
    case 'created':
      return i.createdAt;
    case 'updated':
      return i.updatedAt;
    case 'closed':
      return i.closedAt;
    case 'due':
      return i.dueDate;
    case 'estimate':
      return i.estimateMinutes;
    case 'assignee':
      return i.assigneeUserId;
    case 'team':
      return i.assigneeTeamId;
    default:
      return i.reporterId;
  }
}

function condition<F extends QueryFacts>(c: Condition, i: F, ctx: QueryContext<F>): Verdict {
  switch (c.c) {
    case 'status':
      return i.status === c.value || i.statusCategory === c.value;
    case 'category':
      return (c.in as string[]).includes(i.statusCategory);
    case 'cmp':
      return compare(fieldOf(i, c.field), c.op, c.value);
    case 'null':
      return fieldOf(i, c.field) === null;
    case 'unassigned':
      return i.assigneeUserId === null && i.assigneeTeamId === null;
    case 'user': {
      const id = 'me' in c.who ? ctx.me : 'id' in c.who ? c.who.id : ctx.userByEmail(c.who.email);
      if (id === null || id === undefined) return undefined;
      return (c.field === 'assignee' ? i.assigneeUserId : i.reporterId) === id;
    }
    case 'team': {
      const ids = ctx.teamIds(c.team);
      if (!ids) return undefined;
      return i.assigneeTeamId !== null && ids.includes(i.assigneeTeamId);
    }
    case 'label':
      return i.labels.includes(c.name);
    case 'eq':
      return (c.field === 'type' ? i.type : i.kind) === c.value;
    case 'project':
      return i.projectKey === c.key;
    case 'title':
      return i.title.toLowerCase().includes(c.text.toLowerCase());
    case 'text':
      return ctx.text(i, c.text, c.phrase);
    case 'impact':
      return compare(i.impact?.[c.field], c.op, c.value);
    case 'route': {
      if (!i.routes) return undefined;
      const re = new RegExp(`^${c.pattern.split('*').map(escapeRegExp).join('.*')}$`);
      return i.routes.some((r) => re.test(r) || re.test(r.replace(/^[A-Z]+ /, '')));
    }
    case 'extension':
      return undefined;
  }
}

/** Kleene's three-valued logic: a known false decides an AND and a known true an OR. */
export function evaluateQuery<F extends QueryFacts>(b: Bound, i: F, ctx: QueryContext<F>): Verdict {
  switch (b.k) {
    case 'const':
      return b.value;
    case 'not': {
      const v = evaluateQuery(b.item, i, ctx);
      return v === undefined ? undefined : !v;
    }
    case 'and':
    case 'or': {
      const decisive = b.k === 'or';
      let unknown = false;
      for (const item of b.items) {
        const v = evaluateQuery(item, i, ctx);
        if (v === decisive) return decisive;
        if (v === undefined) unknown = true;
      }
      return unknown ? undefined : !decisive;
    }
    case 'cond':
      return condition(b.cond, i, ctx);
  }
}
