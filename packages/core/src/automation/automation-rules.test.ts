import { describe, expect, it } from 'vitest';
import { loopVerdict, MAX_CHAIN, planActions, triggerMatches } from './automation-rules.ts';

describe('automation rules', () => {
  it('triggers on the change it names and no other', () => {
    const updated = { type: 'issue.updated', fields: ['priority'], status: 'todo' };
    expect(triggerMatches({ type: 'field.changed', field: 'priority' }, updated)).toBe(true);
    expect(triggerMatches({ type: 'field.changed', field: 'labels' }, updated)).toBe(false);
    expect(triggerMatches({ type: 'status.entered', status: 'todo' }, updated)).toBe(false);
    expect(
      triggerMatches(
        { type: 'status.entered', status: 'done' },
        { ...updated, fields: ['status'], status: 'done' },
      ),
    ).toBe(true);
    expect(triggerMatches({ type: 'issue.created' }, { type: 'issue.created', status: 'todo' })).toBe(true);
    expect(triggerMatches({ type: 'comment.added' }, { type: 'comment.created', status: 'todo' })).toBe(true);
    expect(triggerMatches({ type: 'comment.added' }, updated)).toBe(false);
    const warned = { type: 'issue.sla_warning', status: 'todo' };
    expect(triggerMatches({ type: 'sla.warning' }, warned)).toBe(true);
    expect(triggerMatches({ type: 'sla.breached' }, warned)).toBe(false);
    expect(triggerMatches({ type: 'sla.breached' }, { ...warned, type: 'issue.sla_breached' })).toBe(true);
    const reopened = { type: 'issue.updated', fields: ['status', 'labels', 'regression'], status: 'todo' };
    expect(triggerMatches({ type: 'regression' }, reopened)).toBe(true);
    expect(triggerMatches({ type: 'regression' }, { ...reopened, fields: ['status'] })).toBe(false);
  });

  it('fires a threshold trigger only in the batch whose counts cross it', () => {
    const moved = (events: [number, number], users: [number, number]) => ({
      type: 'issue.threshold',
      status: 'todo',
      counts: { events, users },
    });
    const t = { type: 'threshold', metric: 'events', count: 100 } as const;
    expect(triggerMatches(t, moved([90, 120], [3, 3]))).toBe(true);
    expect(triggerMatches(t, moved([0, 100], [0, 1]))).toBe(true);
    expect(triggerMatches(t, moved([100, 150], [3, 9]))).toBe(false);
    expect(triggerMatches(t, moved([10, 99], [3, 9]))).toBe(false);
    expect(triggerMatches({ type: 'threshold', metric: 'users', count: 5 }, moved([10, 99], [3, 9]))).toBe(
      true,
    );
    expect(triggerMatches(t, { type: 'issue.updated', fields: ['status'], status: 'todo' })).toBe(false);
    expect(triggerMatches({ type: 'schedule', at: '09:00', days: [1] }, moved([0, 500], [0, 50]))).toBe(
      false,
    );
  });

  it('merges several notify actions into one set of recipients', () => {
    expect(
      planActions(
        [
          { type: 'notify', assignee: true, teamLead: false, userIds: [3] },
          { type: 'notify', assignee: false, teamLead: true, userIds: [3, 7] },
        ],
        [],
      ),
    ).toEqual({
      edit: {},
      comments: [],
      notify: { assignee: true, teamLead: true, userIds: [3, 7] },
      webhookIds: [],
    });
  });

  it('plans one edit from several actions and leaves labels alone when nothing is added', () => {
    expect(
      planActions(
        [
          { type: 'set_priority', priority: 'high' },
          { type: 'add_label', label: 'checkout' },
          { type: 'assign_team', teamId: 4 },
          { type: 'comment', body: 'Routed to web' },
        ],
        ['bug'],
      ),
    ).toEqual({
      edit: { priority: 'high', labels: ['bug', 'checkout'], assigneeTeamId: 4 },
      comments: ['Routed to web'],
      notify: null,
      webhookIds: [],
    });
    expect(planActions([{ type: 'add_label', label: 'bug' }], ['bug']).edit).toEqual({});
  });

  it('stops a rule firing twice in one chain and chains longer than the limit', () => {
    expect(loopVerdict([], 1)).toBe('fire');
    expect(loopVerdict([1, 2], 1)).toBe('already-fired');
    expect(
      loopVerdict(
        Array.from({ length: MAX_CHAIN }, (_, i) => i + 10),
        1,
      ),
    ).toBe('too-long');
  });
});
