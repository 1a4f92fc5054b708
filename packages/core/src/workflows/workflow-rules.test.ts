import type { WorkflowDef } from '@closeloop/shared/api/workflows';
import { describe, expect, it } from 'vitest';
import {
  allowedTargets,
  checkTransition,
  missingOnEnter,
  permissiveWorkflow,
  planStatusMigration,
  validateWorkflow,
} from './workflow-rules.ts';

const strict: WorkflowDef = {
  initial: 'open',
  statuses: [
    { key: 'open', name: 'Open', category: 'todo', required: [] },
    { key: 'doing', name: 'Doing', category: 'in_progress', required: ['assignee'] },
    { key: 'done', name: 'Done', category: 'done', required: ['resolution'] },
    { key: 'dropped', name: 'Dropped', category: 'cancelled', required: [] },
  ],
  transitions: [
    { from: 'open', to: 'doing' },
    { from: 'doing', to: 'done' },
    { from: 'doing', to: 'open' },
    { from: '*', to: 'dropped' },
  ],
};

describe('workflow transitions', () => {
  it('a permissive workflow allows every move between its statuses', () => {
    const wf = permissiveWorkflow();
    expect(allowedTargets(wf, 'todo')).toEqual(['backlog', 'in_progress', 'in_review', 'done', 'cancelled']);
    expect(checkTransition(wf, 'done', 'backlog')).toMatchObject({ ok: true });
  });

  it('allows listed moves and global (*) ones, in workflow order', () => {
    expect(allowedTargets(strict, 'open')).toEqual(['doing', 'dropped']);
    expect(allowedTargets(strict, 'doing')).toEqual(['open', 'done', 'dropped']);
    expect(allowedTargets(strict, 'dropped')).toEqual([]);
  });

  it('refuses moves that are not listed and names the allowed targets', () => {
    expect(checkTransition(strict, 'open', 'done')).toEqual({
      ok: false,
      reason: 'not_allowed',
      allowed: ['doing', 'dropped'],
    });
  });

  it('reports unknown target statuses apart from forbidden ones', () => {
    expect(checkTransition(strict, 'open', 'nirvana')).toMatchObject({ ok: false, reason: 'unknown_status' });
  });

  it('staying in the same status is not a transition', () => {
    expect(checkTransition(strict, 'dropped', 'dropped')).toMatchObject({ ok: true });
  });

  it('an issue from another workflow (type change) may enter any status', () => {
    expect(allowedTargets(strict, 'in_review')).toEqual(['open', 'doing', 'done', 'dropped']);
  });
});

describe('requirements on entering a status', () => {
  it('lists the required fields without a value', () => {
    expect(missingOnEnter(strict, 'done', () => false)).toEqual(['resolution']);
    expect(missingOnEnter(strict, 'done', (f) => f === 'resolution')).toEqual([]);
    expect(missingOnEnter(strict, 'open', () => false)).toEqual([]);
  });
});

describe('workflow validation', () => {
  it('accepts a coherent definition', () => {
    expect(validateWorkflow(strict)).toEqual([]);
  });
  it('finds duplicate keys, a missing or closed initial status and dangling transitions', () => {
    const bad: WorkflowDef = {
      initial: 'done',
      statuses: [strict.statuses[0]!, strict.statuses[0]!, strict.statuses[2]!],
      transitions: [
        { from: 'ghost', to: 'open' },
        { from: 'open', to: 'void' },
      ],
    };
    expect(validateWorkflow(bad).map((p) => p.path)).toEqual([
      'statuses.1.key',
      'initial',
      'transitions.0.from',
      'transitions.1.to',
    ]);
    expect(validateWorkflow({ ...strict, initial: 'nope' }).map((p) => p.path)).toEqual(['initial']);
  });
});

describe('status migration plan', () => {
  const after: WorkflowDef = {
    initial: 'open',
    statuses: [
      { key: 'open', name: 'Open', category: 'todo', required: [] },
      { key: 'done', name: 'Done', category: 'done', required: [] },
      { key: 'dropped', name: 'Dropped', category: 'done', required: [] },
    ],
    transitions: [{ from: '*', to: 'open' }],
  };
  it('moves issues of removed statuses along the mapping and recategorises kept ones', () => {
    const plan = planStatusMigration(strict, after, ['open', 'doing', 'dropped'], { doing: 'open' });
    expect(plan).toEqual({
      moves: [{ from: 'doing', to: 'open', category: 'todo' }],
      recategorised: [{ key: 'dropped', from: 'cancelled', to: 'done' }],
      unmapped: [],
      badTargets: [],
    });
  });
  it('reports removed statuses in use without a mapping, and mappings to nowhere', () => {
    const plan = planStatusMigration(strict, after, ['doing'], {});
    expect(plan.unmapped).toEqual(['doing']);
    expect(planStatusMigration(strict, after, ['doing'], { doing: 'ghost' }).badTargets).toEqual(['doing']);
  });
  it('ignores removed statuses nobody uses', () => {
    expect(planStatusMigration(strict, after, ['open'], {})).toEqual({
      moves: [],
      recategorised: [],
      unmapped: [],
      badTargets: [],
    });
  });
});
