import type { AutomationAction, AutomationRule } from '@closeloop/shared/api/automation';
import { PRIORITIES } from '@closeloop/shared/issue-fields';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { useDirectory } from '../lib/directory.ts';
import { AutomationLog } from './settings-automation-log.tsx';
import { buildTrigger, TriggerChoices, TriggerFields, triggerText } from './settings-automation-trigger.tsx';

type Rule = AutomationRule & { id?: number };

function actionText(a: AutomationAction): string {
  if (a.type === 'set_priority') return `set priority ${a.priority}`;
  if (a.type === 'set_status') return `move to ${a.status}`;
  if (a.type === 'assign_user') return a.userId === null ? 'unassign person' : `assign person #${a.userId}`;
  if (a.type === 'assign_team') return a.teamId === null ? 'clear team' : `assign team #${a.teamId}`;
  if (a.type === 'add_label') return `label ${a.label}`;
  if (a.type === 'send_webhook') return `send to webhook #${a.webhookId}`;
  if (a.type === 'notify')
    return `notify ${[
      ...(a.assignee ? ['the assignee'] : []),
      ...(a.teamLead ? ['the team lead'] : []),
      ...a.userIds.map((id) => `person #${id}`),
    ].join(', ')}`;
  return `comment “${a.body.slice(0, 40)}”`;
}

/** Automation rules of the current project (when → if → then), a preview of matches, and the run log. */
export function AutomationTab() {
  const { key } = useCurrentProject();
  const qc = useQueryClient();
  const toast = useToast();
  const rules = useQuery({
    queryKey: ['automation-rules', key],
    queryFn: () => api<{ rules: Rule[] }>(`/projects/${key}/automation-rules`),
    enabled: !!key,
  });
  const [logOf, setLogOf] = useState<number | null>(null);
  if (!key) return <EmptyState title="Pick a project first" />;
  if (rules.isError) return <ErrorState error={rules.error} />;
  if (!rules.data) return <Spinner />;
  const list = rules.data.rules;
  const save = async (next: Rule[], done: string) => {
    try {
      await api(`/projects/${key}/automation-rules`, {
        method: 'PUT',
        // Existing rules carry their id, so they keep their log and loop protection.
        body: { rules: next },
      });
      await qc.invalidateQueries({ queryKey: ['automation-rules', key] });
      toast(done, 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  return (
    <section aria-labelledby="automation-title">
      <h2 id="automation-title">Automation · {key}</h2>
      <p className="faint">
        Rules run in order after each change: a trigger, a condition in the query language, then actions. A
        rule acts once per chain of automated changes, so rules cannot loop.
      </p>
      {list.length === 0 ? (
        <EmptyState title="No rules yet" />
      ) : (
        <table className="table" aria-label="Automation rules">
          <tbody>
            {list.map((r, i) => (
              <Fragment key={r.id ?? i}>
                <tr>
                  <td>
                    <strong>{r.name}</strong>
                    <div className="faint">
                      {triggerText(r.trigger)}
                      {r.condition ? ` · if ${r.condition}` : ''} · then{' '}
                      {r.actions.map(actionText).join(', ')}
                    </div>
                  </td>
                  <td>{r.enabled ? 'On' : 'Off'}</td>
                  <td style={{ textAlign: 'right' }}>
                    {r.id !== undefined && (
                      <>
                        <button
                          type="button"
                          className="btn btn-sm"
                          aria-expanded={logOf === r.id}
                          onClick={() => setLogOf(logOf === r.id ? null : (r.id ?? null))}
                        >
                          Log
                        </button>{' '}
                      </>
                    )}
                    <button
                      type="button"
                      className="btn btn-sm"
                      onClick={() =>
                        void save(
                          list.map((x, j) => (j === i ? { ...x, enabled: !x.enabled } : x)),
                          r.enabled ? 'Rule off' : 'Rule on',
                        )
                      }
                    >
                      {r.enabled ? 'Turn off' : 'Turn on'}
                    </button>{' '}
                    <button
                      type="button"
                      className="btn btn-sm btn-danger"
                      onClick={() =>
                        void save(
                          list.filter((_, j) => j !== i),
                          'Rule removed',
                        )
                      }
                    >
                      Remove
                    </button>
                  </td>
                </tr>
                {r.id !== undefined && logOf === r.id && (
                  <tr>
                    <td colSpan={3}>
                      <AutomationLog projectKey={key} rule={{ id: r.id, name: r.name }} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      <NewRule projectKey={key} onAdd={(r) => save([...list, r], 'Rule added')} />
      <h3>Execution log</h3>
      <AutomationLog projectKey={key} />
    </section>
  );
}

function buildAction(kind: string, value: string): AutomationAction {
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

function NewRule({ projectKey, onAdd }: { projectKey: string; onAdd(r: Rule): Promise<void> }) {
  const dir = useDirectory();
  const toast = useToast();
  const [trigger, setTrigger] = useState('issue.created');
  const [action, setAction] = useState('set_priority');
  const hooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => api<{ items: { id: number; name: string }[] }>('/webhooks'),
    enabled: action === 'send_webhook',
  });
  const [condition, setCondition] = useState('');
  const [preview, setPreview] = useState<{ items: { key: string; title: string }[]; more: boolean } | null>(
    null,
  );
  const runPreview = async () => {
    try {
      setPreview(
        await api(`/projects/${projectKey}/automation-rules/preview`, {
          method: 'POST',
          body: { condition },
        }),
      );
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const t = buildTrigger(trigger, f);
    await onAdd({
      name: String(f.get('name')),
      enabled: true,
      trigger: t,
      condition,
      actions: [buildAction(action, String(f.get('actionValue') ?? ''))],
    });
    form.reset();
    setCondition('');
    setPreview(null);
  };
  return (
    <form className="stack-form" aria-label="New automation rule" onSubmit={(e) => void submit(e)}>
      <h3>Add a rule</h3>
      <label className="field">
        <span>Name</span>
        <input className="input" name="name" required maxLength={100} />
      </label>
      <label className="field">
        <span>When</span>
        <select className="input" value={trigger} onChange={(e) => setTrigger(e.target.value)}>
          <TriggerChoices />
        </select>
      </label>
      <TriggerFields kind={trigger} />
      <label className="field">
        <span>If (query; empty = every issue)</span>
        <input
          className="input"
          value={condition}
          onChange={(e) => setCondition(e.target.value)}
          placeholder="label:checkout priority:>=high"
        />
      </label>
      <div>
        <button type="button" className="btn btn-sm" onClick={() => void runPreview()}>
          Preview matches
        </button>
      </div>
      {preview && (
        <p data-testid="automation-preview">
          This rule would have matched {preview.items.length}
          {preview.more ? '+' : ''} issue{preview.items.length === 1 ? '' : 's'} of the last 30 days
          {preview.items.length > 0 ? `: ${preview.items.map((i) => i.key).join(', ')}` : ''}.
        </p>
      )}
      <label className="field">
        <span>Then</span>
        <select className="input" value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="set_priority">set priority</option>
          <option value="set_status">move to status</option>
          <option value="assign_user">assign a person</option>
          <option value="assign_team">assign a team</option>
          <option value="add_label">add a label</option>
          <option value="comment">comment</option>
          <option value="notify">notify</option>
          <option value="send_webhook">send to a webhook</option>
        </select>
      </label>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: each branch below renders the control */}
      <label className="field">
        <span>Value</span>
        {action === 'set_priority' ? (
          <select className="input" name="actionValue">
            {PRIORITIES.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        ) : action === 'assign_user' ? (
          <select className="input" name="actionValue">
            {dir.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        ) : action === 'send_webhook' ? (
          <select className="input" name="actionValue" required>
            {(hooks.data?.items ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        ) : action === 'notify' ? (
          <select className="input" name="actionValue">
            <option value="assignee">the assignee</option>
            <option value="team_lead">the assignee team’s lead</option>
            {dir.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        ) : action === 'assign_team' ? (
          <select className="input" name="actionValue">
            {dir.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        ) : (
          <input className="input" name="actionValue" required />
        )}
      </label>
      <div>
        <button type="submit" className="btn btn-primary">
          Add rule
        </button>
      </div>
    </form>
  );
}
