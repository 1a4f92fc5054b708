import type { Issue } from '@closeloop/shared/api/issues';
import { describe, expect, it } from 'vitest';
import { localPredicate } from './local-filter.ts';

const buildIssue = (over: Partial<Issue>): Issue =>
  ({
    key: 'APP-1',
    title: 'Checkout is slow',
    status: 'todo',
    statusCategory: 'todo',
    priority: 'medium',
    labels: [],
    type: 'task',
    kind: 'manual',
    assigneeUserId: null,
    assigneeTeamId: null,
    reporterId: 1,
    description: '',
    dueDate: null,
    estimateMinutes: null,
    createdAt: '2026-12-01T10:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
    closedAt: null,
    ...over,
  }) as Issue;
const opts = { user: (v: string) => (v === 'priya' ? 7 : null), me: 3 };
const keep = (q: string, issues: Partial<Issue>[]) =>
  issues
    .map(buildIssue)
    .filter(localPredicate(q, opts)!)
    .map((i) => i.key);

describe('local filter preview', () => {
  it('matches priorities, ranges and negation like the server', () => {
    const issues = [
      { key: 'A', priority: 'urgent' as const },
      { key: 'B', priority: 'low' as const },
      { key: 'C', priority: 'high' as const },
    ];
    expect(keep('priority:urgent', issues)).toEqual(['A']);
    expect(keep('priority:>=high', issues)).toEqual(['A', 'C']);
    expect(keep('-priority:low', issues)).toEqual(['A', 'C']);
  });

  it('matches open/closed by status category, labels, assignees and title words', () => {
    const issues = [
      { key: 'A', statusCategory: 'done' as const, labels: ['perf'], assigneeUserId: 3 },
      { key: 'B', labels: ['perf'], assigneeUserId: 7, title: 'Layout glitch' },
    ];
    expect(keep('status:closed', issues)).toEqual(['A']);
    expect(keep('status:open label:perf', issues)).toEqual(['B']);
    expect(keep('assignee:@me', issues)).toEqual(['A']);
    expect(keep('assignee:priya glitch', issues)).toEqual(['B']);
  });

  it('reads OR, NOT and parentheses with core’s parser and evaluator, as the server does', () => {
    const issues = [
      { key: 'A', priority: 'urgent' as const, labels: ['ux'] },
      { key: 'B', priority: 'low' as const, labels: ['perf'] },
      { key: 'C', priority: 'high' as const, description: 'Seen on the checkout page' },
    ];
    expect(keep('priority:urgent OR label:perf', issues)).toEqual(['A', 'B']);
    expect(keep('NOT (priority:urgent OR label:perf)', issues)).toEqual(['C']);
    expect(keep('(priority:>=high) -label:ux', issues)).toEqual(['C']);
    // Free text reads word prefixes of the title and the description.
    expect(keep('check', issues)).toEqual(['A', 'B', 'C']);
    expect(keep('"checkout page"', issues)).toEqual(['C']);
  });

  it('leaves what it cannot evaluate to the server', () => {
    expect(localPredicate('team:design', opts)).toBeNull();
    expect(localPredicate('assignee:nobody-known', opts)).toBeNull();
    expect(localPredicate('points:>3', opts)).toBeNull();
    expect(localPredicate('route:/checkout*', opts)).toBeNull();
    // A query core refuses gets no preview; the query bar explains it.
    expect(localPredicate('priority:critical', opts)).toBeNull();
  });
});
