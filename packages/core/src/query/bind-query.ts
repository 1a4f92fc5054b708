import {
  ISSUE_KINDS,
  PRIORITIES,
  PRIORITY_RANK,
  type Priority,
  type StatusCategory,
} from '@closeloop/shared/issue-fields';
import type { CompareOp, QueryNode, Span, TermNode } from './query-ast.ts';
import { QueryError } from './query-error.ts';
import { DAY_MS, parseTimeValue, type TimeValue } from './time-values.ts';

/**
 * Meaning of each built-in qualifier, independent of SQL: a term becomes a condition on one
 * issue field. The server compiles conditions to SQL; tests evaluate the same conditions in
 * plain TypeScript as a reference. Qualifiers this module does not know (custom fields,
 * milestones…) stay `extension` conditions for the server's resolvers.
 */

export type CmpField = 'priority' | 'created' | 'updated' | 'closed' | 'due' | 'estimate';
/**
 * What machine-found issues aggregate over their event groups: counts of events, distinct users
 * and sessions, and when they were first and last seen (epoch ms). Manual issues have none, so a
 * comparison on them is false.
 */
export type ImpactField = 'events' | 'users' | 'sessions' | 'firstseen' | 'lastseen';
export type NullableField = 'due' | 'closed' | 'estimate' | 'reporter' | 'assignee' | 'team';
export type UserRef = { me: true } | { id: number } | { email: string };

export type Condition =
  /** A status key, or a category name (in_progress matches every status in that category). */
  | { c: 'status'; value: string }
  | { c: 'category'; in: StatusCategory[] }
  /** priority ranks, epoch ms for created/updated/closed, 'YYYY-MM-DD' for due, minutes for estimate. */
  | { c: 'cmp'; field: CmpField; op: CompareOp; value: number | string }
  | { c: 'null'; field: NullableField }
  | { c: 'user'; field: 'assignee' | 'reporter'; who: UserRef }
  | { c: 'team'; team: { id: number } | { name: string } }
  | { c: 'label'; name: string }
  | { c: 'eq'; field: 'type' | 'kind'; value: string }
  | { c: 'project'; key: string }
  | { c: 'title'; text: string }
  | { c: 'impact'; field: ImpactField; op: CompareOp; value: number }
  /** The route (template) or endpoint an issue's events came from; `*` matches any run of characters. */
  | { c: 'route'; pattern: string }
  | { c: 'text'; text: string; phrase: boolean }
  | { c: 'unassigned' }
  | { c: 'extension'; term: TermNode };

export type Bound =
  | { k: 'and' | 'or'; items: Bound[] }
  | { k: 'not'; item: Bound }
  | { k: 'cond'; cond: Condition; span: Span }
  | { k: 'const'; value: boolean };

export const QUALIFIERS = [
  'status',
  'priority',
  'assignee',
  'reporter',
  'team',
  'label',
  'type',
  'kind',
  'project',
  'created',
  'updated',
  'closed',
  'due',
  'estimate',
  'title',
  'events',
  'users',
  'sessions',
  'firstseen',
  'lastseen',
  'route',
  'is',
  'sort',
] as const;

const OPEN: StatusCategory[] = ['backlog', 'todo', 'in_progress'];
const CLOSED: StatusCategory[] = ['done', 'cancelled'];

const valueSpan = (t: TermNode): Span => ({ pos: t.valuePos, len: t.valueLen });
const and = (...items: Bound[]): Bound => ({ k: 'and', items });

export function bindQuery(node: QueryNode, now: number): Bound {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { k: node.kind, items: node.items.map((n) => bindQuery(n, now)) };
    case 'not':
      return { k: 'not', item: bindQuery(node.item, now) };
    case 'text':
      return { k: 'cond', cond: { c: 'text', text: node.text, phrase: node.quoted }, span: node };
    case 'term':
      return bindTerm(node, now);
  }
}

function equalsOnly(t: TermNode): void {
  if (t.op !== '=') {
    throw new QueryError(
      `${t.rawField}: takes a value, not a comparison`,
      { pos: t.valuePos - t.op.length, len: t.op.length },
      [`${t.rawField}:value`],
    );
  }
}

function bindTerm(t: TermNode, now: number): Bound {
  const cond = (c: Condition): Bound => ({ k: 'cond', cond: c, span: t });
  const v = t.value.trim();
  switch (t.field) {
    case 'status': {
      equalsOnly(t);
      const s = v.toLowerCase();
      if (s === 'open') return cond({ c: 'category', in: OPEN });
      if (s === 'closed') return cond({ c: 'category', in: CLOSED });
      return cond({ c: 'status', value: s });
    }
    case 'is': {
      equalsOnly(t);
      const s = v.toLowerCase();
      if (s === 'open') return cond({ c: 'category', in: OPEN });
      if (s === 'closed') return cond({ c: 'category', in: CLOSED });
      if (s === 'unassigned') return cond({ c: 'unassigned' });
      if (s === 'assigned') return { k: 'not', item: cond({ c: 'unassigned' }) };
      // Link state lives in the relations area; its resolver on the server compiles these.
      if (s === 'blocked' || s === 'blocking') return cond({ c: 'extension', term: t });
      throw new QueryError(`is:${v} is not something an issue can be`, valueSpan(t), [
        'open',
        'closed',
        'unassigned',
        'assigned',
        'blocked',
        'blocking',
      ]);
    }
    case 'priority': {
      const p = v.toLowerCase() as Priority;
      if (!PRIORITIES.includes(p))
        throw new QueryError(`"${v}" is not a priority`, valueSpan(t), [...PRIORITIES]);
      return cond({ c: 'cmp', field: 'priority', op: t.op, value: PRIORITY_RANK[p] });
    }
    case 'assignee':
    case 'reporter': {
      equalsOnly(t);
      const s = v.toLowerCase();
      // A person and a team are separate facts: assignee:none is about the person only (team:none for the team).
      if (s === 'none') return cond({ c: 'null', field: t.field });
      return cond({ c: 'user', field: t.field, who: userRef(t, s) });
    }
    case 'team': {
      equalsOnly(t);
      if (v.toLowerCase() === 'none') return cond({ c: 'null', field: 'team' });
      if (/^\d{1,12}$/.test(v)) return cond({ c: 'team', team: { id: Number(v) } });
      if (v === '') throw new QueryError('team: needs a team key or name', valueSpan(t), ['a team key']);
      return cond({ c: 'team', team: { name: v } });
    }
    case 'label':
      equalsOnly(t);
      return cond({ c: 'label', name: v });
    case 'type':
      equalsOnly(t);
      return cond({ c: 'eq', field: 'type', value: v.toLowerCase() });
    case 'kind': {
      equalsOnly(t);
      const k = v.toLowerCase();
      if (!(ISSUE_KINDS as readonly string[]).includes(k))
        throw new QueryError(`"${v}" is not an issue kind`, valueSpan(t), [...ISSUE_KINDS]);
      return cond({ c: 'eq', field: 'kind', value: k });
    }
    case 'project':
      equalsOnly(t);
      return cond({ c: 'project', key: v.toUpperCase() });
    case 'title':
      equalsOnly(t);
      return cond({ c: 'title', text: v });
    case 'created':
    case 'updated':
    case 'closed':
    case 'due': {
      if (v.toLowerCase() === 'none' && (t.field === 'due' || t.field === 'closed')) {
        equalsOnly(t);
        return cond({ c: 'null', field: t.field });
      }
      const tv = parseTimeValue(v, now, valueSpan(t));
      const field = t.field;
      const b =
        field === 'due'
          ? dueBounds(t.op, tv, now)
          : instantBounds(t.op, tv, now).map((x): Condition => ({ c: 'cmp', field, ...x }));
      return b.length === 1 ? cond(b[0]!) : and(...b.map(cond));
    }
    case 'estimate': {
      if (v.toLowerCase() === 'none') {
        equalsOnly(t);
        return cond({ c: 'null', field: 'estimate' });
      }
      const m = /^(\d{1,7})(m|h)?$/i.exec(v);
      if (!m)
        throw new QueryError(`"${v}" is not a duration`, valueSpan(t), [
          'minutes like 90',
          'hours like 2h',
          'none',
        ]);
      const minutes = Number(m[1]) * (m[2]?.toLowerCase() === 'h' ? 60 : 1);
      return cond({ c: 'cmp', field: 'estimate', op: t.op, value: minutes });
    }
    case 'events':
    case 'users':
    case 'sessions': {
      if (!/^\d{1,12}$/.test(v))
        throw new QueryError(`"${v}" is not a count`, valueSpan(t), [`${t.rawField}:>100`]);
      return cond({ c: 'impact', field: t.field, op: t.op, value: Number(v) });
    }
    case 'firstseen':
    case 'lastseen': {
      const b = instantBounds(t.op, parseTimeValue(v, now, valueSpan(t)), now);
      const field = t.field;
      const items = b.map((x) => cond({ c: 'impact', field, op: x.op, value: x.value }));
      return items.length === 1 ? items[0]! : and(...items);
    }
    case 'route': {
      equalsOnly(t);
      if (v === '') throw new QueryError('route: needs a path like /checkout*', valueSpan(t), ['/checkout*']);
      return cond({ c: 'route', pattern: v });
    }
    case 'sort':
      throw new QueryError('sort: orders the whole query; it cannot sit inside parentheses, OR or NOT', t, [
        'sort: at the top level',
      ]);
    default:
      return cond({ c: 'extension', term: t });
  }
}

function userRef(t: TermNode, s: string): UserRef {
  if (s === '@me' || s === 'me') return { me: true };
  if (/^\d{1,12}$/.test(s)) return { id: Number(s) };
  if (/^[^@\s]+@[^@\s]+$/.test(s)) return { email: s };
  throw new QueryError(`"${t.value}" is not a user`, valueSpan(t), [
    '@me',
    'none',
    'a user id',
    'an email address',
  ]);
}

/**
 * A calendar day covers [start, start + 1 day): `created:2026-05-01` is that whole UTC day,
 * `created:>2026-05-01` starts the day after. A relative value with ":" alone means "between
 * then and now" (`updated:-7d` is the last seven days).
 */
function instantBounds(op: CompareOp, tv: TimeValue, now: number): { op: CompareOp; value: number }[] {
  const c = (o: CompareOp, value: number) => ({ op: o, value });
  if (tv.kind === 'day') {
    const next = tv.ms + DAY_MS;
    switch (op) {
      case '=':
        return [c('>=', tv.ms), c('<', next)];
      case '>':
        return [c('>=', next)];
      case '>=':
        return [c('>=', tv.ms)];
      case '<':
        return [c('<', tv.ms)];
      case '<=':
        return [c('<', next)];
    }
  }
  if (op !== '=') return [c(op, tv.ms)];
  if (tv.kind === 'instant') return [c('=', tv.ms)];
  return tv.ms <= now ? [c('>=', tv.ms), c('<=', now)] : [c('>=', now), c('<=', tv.ms)];
}

function dueBounds(op: CompareOp, tv: TimeValue, now: number): Condition[] {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const d = day(tv.ms);
  const c = (o: CompareOp, value: string): Condition => ({ c: 'cmp', field: 'due', op: o, value });
  if (op === '=' && tv.kind === 'relative') {
    const today = day(now);
    return d >= today ? [c('>=', today), c('<=', d)] : [c('>=', d), c('<=', today)];
  }
  return [c(op, d)];
}
