import type { AutomationRule } from '@closeloop/shared/api/automation';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { Link } from 'react-router';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { useDirectory } from '../lib/directory.ts';
import { ActionRow, actionText, actionValueName, buildAction } from './settings-automation-actions.tsx';
import { AutomationLog } from './settings-automation-log.tsx';
import { buildTrigger, TriggerChoices, TriggerFields, triggerText } from './settings-automation-trigger.tsx';

type Rule = AutomationRule & { id?: number };

/** Automation rules of the current project (when → if → then), a preview of matches, and the run log. */
export function AutomationTab() {
  const { key } = useCurrentProject();
  const qc = useQueryClient();
  const toast = useToast();
  const dir = useDirectory();
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
                      {r.actions.map((a) => actionText(a, dir)).join(', ')}
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

function NewRule({ projectKey, onAdd }: { projectKey: string; onAdd(r: Rule): Promise<void> }) {
  const toast = useToast();
  const [trigger, setTrigger] = useState('issue.created');
  // Each action row has a stable id, so removing one keeps the values typed in the others.
  const [actions, setActions] = useState([{ id: 0, kind: 'set_priority' }]);
  const [nextId, setNextId] = useState(1);
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
      actions: actions.map((a) => buildAction(a.kind, String(f.get(actionValueName(a.id)) ?? ''))),
    });
    form.reset();
    setActions([{ id: nextId, kind: 'set_priority' }]);
    setNextId(nextId + 1);
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
          {preview.items.length > 0 ? ':' : '.'}
          {preview.items.map((i, n) => (
            <span key={i.key}>
              {' '}
              <Link to={`/issue/${i.key}`} title={i.title}>
                {i.key}
              </Link>
              {n < preview.items.length - 1 ? ',' : '.'}
            </span>
          ))}
        </p>
      )}
      {actions.map((a, i) => (
        <ActionRow
          key={a.id}
          rowId={a.id}
          n={i + 1}
          kind={a.kind}
          onKind={(kind) => setActions(actions.map((x) => (x.id === a.id ? { ...x, kind } : x)))}
          onRemove={actions.length > 1 ? () => setActions(actions.filter((x) => x.id !== a.id)) : undefined}
        />
      ))}
      <div>
        <button
          type="button"
          className="btn btn-sm"
          disabled={actions.length >= 10}
          onClick={() => {
            setActions([...actions, { id: nextId, kind: 'add_label' }]);
            setNextId(nextId + 1);
          }}
        >
          Add another action
        </button>
      </div>
      <div>
        <button type="submit" className="btn btn-primary">
          Add rule
        </button>
      </div>
    </form>
  );
}
