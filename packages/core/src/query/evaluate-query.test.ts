import { describe, expect, it } from 'vitest';
import { bindQuery } from './bind-query.ts';
import { evaluateQuery, type QueryContext, type QueryFacts } from './evaluate-query.ts';
import { parseQuery } from './parse-query.ts';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const DAY = 86_400_000;

const issue = (over: Partial<QueryFacts> = {}): QueryFacts => ({
  projectKey: 'APP',
  type: 'bug',
  kind: 'manual',
  title: 'Checkout is slow at noon',
  status: 'todo',
  statusCategory: 'todo',
  priority: 'medium',
  assigneeUserId: null,
  assigneeTeamId: null,
  reporterId: 1,
  labels: [],
  dueDate: null,
  estimateMinutes: null,
  createdAt: NOW - 3 * DAY,
  updatedAt: NOW - DAY,
  closedAt: null,
  ...over,
});

const ctx: QueryContext<QueryFacts> = {
  me: 3,
  userByEmail: (e) => (e === 'priya@example.com' ? 7 : undefined),
  teamIds: (t) => ('id' in t ? [t.id] : t.name === 'design' ? [20] : undefined),
  text: (i, text) => i.title.toLowerCase().includes(text.toLowerCase()),
};

const run = (q: string, i: QueryFacts) => {
  const where = parseQuery(q).where;
  return where ? evaluateQuery(bindQuery(where, NOW), i, ctx) : true;
};

describe('evaluating a bound query over one issue', () => {
  it('reads priorities, status categories, people, teams, labels, dates and impact', () => {
    const i = issue({ priority: 'high', assigneeUserId: 3, assigneeTeamId: 20, labels: ['perf'] });
    expect(run('priority:>=high status:open', i)).toBe(true);
    expect(run('priority:urgent', i)).toBe(false);
    expect(run('assignee:@me team:design label:perf', i)).toBe(true);
    expect(run('assignee:priya@example.com', i)).toBe(false);
    expect(run('created:-7d updated:<-2d', i)).toBe(false);
    expect(run('created:-7d', i)).toBe(true);
    expect(run('users:>10', i)).toBe(false);
    expect(run('users:>10', issue({ kind: 'error', impact: { users: 12 } }))).toBe(true);
    expect(run('checkout noon', i)).toBe(true);
  });

  it('combines with OR, NOT and parentheses', () => {
    const i = issue({ priority: 'low', labels: ['perf'] });
    expect(run('priority:high OR label:perf', i)).toBe(true);
    expect(run('-label:perf', i)).toBe(false);
    expect(run('(priority:high OR priority:urgent) label:perf', i)).toBe(false);
    expect(run('NOT (priority:high OR label:ux)', i)).toBe(true);
  });

  it('answers undefined where only the server can decide, unless the rest decides anyway', () => {
    const i = issue({ labels: ['perf'] });
    // A custom field is an extension; a team or person the caller cannot resolve is unknown.
    expect(run('points:>3', i)).toBeUndefined();
    expect(run('team:platform', i)).toBeUndefined();
    expect(run('assignee:nobody@example.com', i)).toBeUndefined();
    expect(run('-points:>3', i)).toBeUndefined();
    // A known false decides an AND, a known true an OR.
    expect(run('points:>3 label:ux', i)).toBe(false);
    expect(run('points:>3 OR label:perf', i)).toBe(true);
    expect(run('points:>3 label:perf', i)).toBeUndefined();
  });
});
