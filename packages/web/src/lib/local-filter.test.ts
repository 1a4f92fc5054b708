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
      { key: 'B', labels: ['Perf'], assigneeUserId: 7, title: 'Layout glitch' },
    ];
    expect(keep('status:closed', issues)).toEqual(['A']);
    expect(keep('status:open label:perf', issues)).toEqual(['B']);
    expect(keep('assignee:@me', issues)).toEqual(['A']);
    expect(keep('assignee:priya glitch', issues)).toEqual(['B']);
  });

  it('leaves what it cannot evaluate to the server', () => {
    expect(localPredicate('priority:high OR label:perf', opts)).toBeNull();
    expect(localPredicate('team:design', opts)).toBeNull();
    expect(localPredicate('assignee:nobody-known', opts)).toBeNull();
    expect(localPredicate('points:>3', opts)).toBeNull();
  });
});
