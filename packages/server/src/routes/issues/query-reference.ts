import type { Bound, Condition, ImpactField } from '@closeloop/core/query/bind-query';
import { PRIORITY_RANK } from '@closeloop/shared/issue-fields';

/**
 * A plain TypeScript evaluation of a bound query over issues as the API returns them: the
 * reference the SQL compiler's results are compared with. Free text is whole-word matching,
 * which agrees with both engines for the test vocabulary (no word is a prefix or stem of another).
 */
export interface RefIssue {
  key: string;
  projectKey: string;
  type: string;
  kind: string;
  title: string;
  status: string;
  statusCategory: string;
  priority: keyof typeof PRIORITY_RANK;
  assigneeUserId: number | null;
  assigneeTeamId: number | null;
  reporterId: number | null;
  labels: string[];
  dueDate: string | null;
  estimateMinutes: number | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Lower-case words of title, description and comments. */
  words: Set<string>;
  /** What a machine-found issue's event groups add up to (epoch ms for first/last seen); absent: none. */
  impact?: Partial<Record<ImpactField, number>>;
  /** Routes and endpoints of its events. */
  routes?: string[];
}

export interface RefWorld {
  actorId: number;
  usersByEmail: Map<string, number>;
  teams: { id: number; key: string; name: string }[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];

function cmp(a: number | string | null, op: string, b: number | string): boolean {
  if (a === null) return false;
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

function field(i: RefIssue, f: string): number | string | null {
  const ms = (s: string | null) => (s === null ? null : Date.parse(s));
  switch (f) {
    case 'priority':
      return PRIORITY_RANK[i.priority];
    case 'created':
      return ms(i.createdAt);
    case 'updated':
      return ms(i.updatedAt);
    case 'closed':
      return ms(i.closedAt);
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

function cond(c: Condition, i: RefIssue, w: RefWorld): boolean {
  switch (c.c) {
    case 'status':
      return i.status === c.value || i.statusCategory === c.value;
    case 'category':
      return (c.in as string[]).includes(i.statusCategory);
    case 'cmp':
      return cmp(field(i, c.field), c.op, c.value);
    case 'null':
      return field(i, c.field) === null;
    case 'unassigned':
      return i.assigneeUserId === null && i.assigneeTeamId === null;
    case 'user': {
      const v = c.field === 'assignee' ? i.assigneeUserId : i.reporterId;
      const id =
        'me' in c.who ? w.actorId : 'id' in c.who ? c.who.id : (w.usersByEmail.get(c.who.email) ?? -1);
      return v === id;
    }
    case 'team': {
      const t = c.team;
      const ids = w.teams
        .filter((x) => ('id' in t ? x.id === t.id : x.key === t.name.toLowerCase() || x.name === t.name))
        .map((x) => x.id);
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
    case 'text': {
      const ws = words(c.text);
      return ws.length === 0 || ws.every((x) => i.words.has(x));
    }
    case 'impact':
      return cmp(i.impact?.[c.field] ?? null, c.op, c.value);
    case 'route': {
      const re = new RegExp(`^${c.pattern.split('*').map(escapeRegExp).join('.*')}$`);
      return (i.routes ?? []).some((r) => re.test(r) || re.test(r.replace(/^[A-Z]+ /, '')));
    }
    case 'extension':
      throw new Error('the reference knows no extensions');
  }
}

export function evaluate(b: Bound, i: RefIssue, w: RefWorld): boolean {
  switch (b.k) {
    case 'const':
      return b.value;
    case 'and':
      return b.items.every((x) => evaluate(x, i, w));
    case 'or':
      return b.items.some((x) => evaluate(x, i, w));
    case 'not':
      return !evaluate(b.item, i, w);
    case 'cond':
      return cond(b.cond, i, w);
  }
}

export { words as referenceWords };
