import type { AutomationAction } from '@closeloop/shared/api/automation';
import { PRIORITIES } from '@closeloop/shared/issue-fields';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useDirectory } from '../lib/directory.ts';

/** The "Then" part of an automation rule in the editor: its action rows, how they are built and summarised. */

type Directory = ReturnType<typeof useDirectory>;

const KINDS = [
  ['set_priority', 'set priority'],
  ['set_status', 'move to status'],
  ['assign_user', 'assign a person'],
  ['assign_team', 'assign a team'],
  ['add_label', 'add a label'],
  ['comment', 'comment'],
  ['notify', 'notify'],
  ['send_webhook', 'send to a webhook'],
] as const;

export function actionText(a: AutomationAction, dir: Directory): string {
  if (a.type === 'set_priority') return `set priority ${a.priority}`;
  if (a.type === 'set_status') return `move to ${a.status}`;
  if (a.type === 'assign_user')
    return a.userId === null ? 'unassign person' : `assign ${dir.userName(a.userId)}`;
  if (a.type === 'assign_team')
    return a.teamId === null ? 'clear team' : `assign team ${dir.teamName(a.teamId)}`;
  if (a.type === 'add_label') return `label ${a.label}`;
  if (a.type === 'send_webhook') return `send to webhook #${a.webhookId}`;
  if (a.type === 'notify')
    return `notify ${[
      ...(a.assignee ? ['the assignee'] : []),
      ...(a.teamLead ? ['the team lead'] : []),
      ...a.userIds.map((id) => dir.userName(id)),
    ].join(', ')}`;
  return `comment “${a.body.slice(0, 40)}”`;
}

/** The form field an action row's value is read from. */
export const actionValueName = (rowId: number) => `actionValue-${rowId}`;

/** The value an action row shows for a stored action: the inverse of `buildAction`. */
export function actionValue(a: AutomationAction): string {
  if (a.type === 'set_priority') return a.priority;
  if (a.type === 'set_status') return a.status;
  if (a.type === 'assign_user') return a.userId === null ? '' : String(a.userId);
  if (a.type === 'assign_team') return a.teamId === null ? '' : String(a.teamId);
  if (a.type === 'add_label') return a.label;
  if (a.type === 'send_webhook') return String(a.webhookId);
  if (a.type === 'notify')
    return a.assignee ? 'assignee' : a.teamLead ? 'team_lead' : String(a.userIds[0] ?? '');
  return a.body;
}

export function buildAction(kind: string, value: string): AutomationAction {
  if (kind === 'set_priority')
    return { type: 'set_priority', priority: value as (typeof PRIORITIES)[number] };
  if (kind === 'set_status') return { type: 'set_status', status: value };
  if (kind === 'assign_user') return { type: 'assign_user', userId: value ? Number(value) : null };
  if (kind === 'assign_team') return { type: 'assign_team', teamId: value ? Number(value) : null };
  if (kind === 'add_label') return { type: 'add_label', label: value };
  if (kind === 'send_webhook') return { type: 'send_webhook', webhookId: Number(value) };
  if (kind === 'notify')
    return {
      type: 'notify',
      assignee: value === 'assignee',
      teamLead: value === 'team_lead',
      userIds: value === 'assignee' || value === 'team_lead' ? [] : [Number(value)],
    };
  return { type: 'comment', body: value };
}

/** One "then" row: what to do (`Action n`) and its value (`Value of action n`). */
export function ActionRow(props: {
  rowId: number;
  n: number;
  kind: string;
  /** The stored action this row starts from (editing), when its kind is still `kind`. */
  initial?: AutomationAction | null;
  onKind(kind: string): void;
  onRemove?: () => void;
}) {
  const { rowId, n, kind } = props;
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }} data-testid={`action-${n}`}>
      <label className="field" style={{ flex: 1 }}>
        <span>{n === 1 ? 'Then' : 'And'}</span>
        <select
          className="input"
          aria-label={`Action ${n}`}
          value={kind}
          onChange={(e) => props.onKind(e.target.value)}
        >
          {KINDS.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="field" style={{ flex: 1 }}>
        <span>Value</span>
        <ActionValue
          kind={kind}
          name={actionValueName(rowId)}
          label={`Value of action ${n}`}
          initial={props.initial ? actionValue(props.initial) : undefined}
        />
      </div>
      {props.onRemove && (
        <button
          type="button"
          className="btn btn-sm"
          onClick={props.onRemove}
          aria-label={`Remove action ${n}`}
        >
          Remove
        </button>
      )}
    </div>
  );
}

function ActionValue(props: { kind: string; name: string; label: string; initial?: string | undefined }) {
  const { kind, name, label, initial } = props;
  const dir = useDirectory();
  const hooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => api<{ items: { id: number; name: string }[] }>('/webhooks'),
    enabled: kind === 'send_webhook',
  });
  const select = (options: { value: string | number; label: string }[], required = false) => (
    <select className="input" name={name} aria-label={label} required={required} defaultValue={initial}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  const people = dir.members.map((m) => ({ value: m.id, label: m.name }));
  if (kind === 'set_priority') return select(PRIORITIES.map((p) => ({ value: p, label: p })));
  if (kind === 'assign_user') return select(people);
  if (kind === 'assign_team') return select(dir.teams.map((t) => ({ value: t.id, label: t.name })));
  if (kind === 'send_webhook')
    return select(
      (hooks.data?.items ?? []).map((w) => ({ value: w.id, label: w.name })),
      true,
    );
  if (kind === 'notify')
    return select([
      { value: 'assignee', label: 'the assignee' },
      { value: 'team_lead', label: 'the assignee team’s lead' },
      ...people,
    ]);
  return <input className="input" name={name} aria-label={label} required defaultValue={initial} />;
}
