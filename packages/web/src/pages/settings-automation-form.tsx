import type { AutomationAction, AutomationRule } from '@closeloop/shared/api/automation';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, errorText } from '../api/client.ts';
import { RuleFormButtons } from '../components/rule-form-buttons.tsx';
import { useToast } from '../components/toasts.tsx';
import { ActionRow, actionValueName, buildAction } from './settings-automation-actions.tsx';
import { buildTrigger, TriggerChoices, TriggerFields } from './settings-automation-trigger.tsx';

/** The automation rule editor: when → if (with a preview of past matches) → then. */

/**
 * Adds a rule, or edits one (`initial`): the value inputs are uncontrolled, so the caller remounts
 * the form (a new `key`) to load another rule.
 */
export function RuleForm(props: {
  projectKey: string;
  initial?: AutomationRule | undefined;
  onSubmit(r: AutomationRule): Promise<boolean>;
  onCancel?: () => void;
}) {
  const { projectKey, initial } = props;
  const toast = useToast();
  const [trigger, setTrigger] = useState<string>(initial?.trigger.type ?? 'issue.created');
  // Each action row has a stable id, so removing one keeps the values typed in the others.
  const first = (initial?.actions ?? [null]).map((a, id) => ({
    id,
    kind: a?.type ?? 'set_priority',
    initial: a,
  }));
  const [actions, setActions] =
    useState<{ id: number; kind: string; initial: AutomationAction | null }[]>(first);
  const [nextId, setNextId] = useState(first.length);
  const [condition, setCondition] = useState(initial?.condition ?? '');
  const [preview, setPreview] = useState<{
    items: { key: string; title: string }[];
    more: boolean;
    basis: string;
  } | null>(null);
  const runPreview = async (form: HTMLFormElement | null) => {
    if (!form) return;
    try {
      setPreview(
        await api(`/projects/${projectKey}/automation-rules/preview`, {
          method: 'POST',
          body: { condition, trigger: buildTrigger(trigger, new FormData(form)) },
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
    const ok = await props.onSubmit({
      name: String(f.get('name')),
      enabled: true,
      trigger: t,
      condition,
      actions: actions.map((a) => buildAction(a.kind, String(f.get(actionValueName(a.id)) ?? ''))),
    });
    if (!ok || initial) return;
    form.reset();
    setActions([{ id: nextId, kind: 'set_priority', initial: null }]);
    setNextId(nextId + 1);
    setCondition('');
    setPreview(null);
  };
  return (
    <form
      className="stack-form"
      aria-label={initial ? `Edit rule ${initial.name}` : 'New automation rule'}
      onSubmit={(e) => void submit(e)}
    >
      <h3>{initial ? `Edit “${initial.name}”` : 'Add a rule'}</h3>
      <label className="field">
        <span>Name</span>
        <input className="input" name="name" required maxLength={100} defaultValue={initial?.name} />
      </label>
      <label className="field">
        <span>When</span>
        <select className="input" value={trigger} onChange={(e) => setTrigger(e.target.value)}>
          <TriggerChoices />
        </select>
      </label>
      <TriggerFields
        kind={trigger}
        initial={initial?.trigger.type === trigger ? initial.trigger : undefined}
      />
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
        <button type="button" className="btn btn-sm" onClick={(e) => void runPreview(e.currentTarget.form)}>
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
          <span className="faint"> (issues {preview.basis} in that time, then the condition)</span>
        </p>
      )}
      {actions.map((a, i) => (
        <ActionRow
          key={a.id}
          rowId={a.id}
          n={i + 1}
          kind={a.kind}
          initial={a.initial?.type === a.kind ? a.initial : null}
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
            setActions([...actions, { id: nextId, kind: 'add_label', initial: null }]);
            setNextId(nextId + 1);
          }}
        >
          Add another action
        </button>
      </div>
      <RuleFormButtons editing={!!initial} onCancel={props.onCancel} />
    </form>
  );
}
