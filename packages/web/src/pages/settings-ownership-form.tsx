import type { CustomField } from '@closeloop/shared/api/workflows';
import type { FormEvent } from 'react';
import { useOptional } from '../api/hooks.ts';
import { MemberOptions, TeamOptions } from '../components/directory-options.tsx';
import { RuleFormButtons } from '../components/rule-form-buttons.tsx';
import { Spinner } from '../components/ui.tsx';
import { useIssueTypes } from '../lib/project-meta.ts';

/** The conditions an ownership rule states as lists (types are chosen, custom fields have their own row). */
export const LIST_CONDITIONS = [
  ['labels', 'Labels'],
  ['text', 'Text'],
  ['routes', 'Routes (glob)'],
  ['framePaths', 'Stack frame paths (glob)'],
  ['errorTypes', 'Error types'],
  ['releases', 'Releases'],
] as const;

type ListKey = (typeof LIST_CONDITIONS)[number][0] | 'types';
export interface OwnershipRule {
  name: string;
  when: Partial<Record<ListKey, string[]>> & { fields?: Record<string, string[]> };
  teamId: number | null;
  userId: number | null;
}

const list = (v: FormDataEntryValue | null) =>
  String(v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A rule's conditions in words, for the rule list. */
export function conditionsText(w: OwnershipRule['when'], fieldName: (key: string) => string): string {
  const parts: string[] = [];
  if (w.types?.length) parts.push(`type ${w.types.join(' or ')}`);
  for (const [k, label] of LIST_CONDITIONS) if (w[k]?.length) parts.push(`${label}: ${w[k]!.join(', ')}`);
  for (const [k, v] of Object.entries(w.fields ?? {})) parts.push(`${fieldName(k)}: ${v.join(', ')}`);
  return parts.join(' · ') || 'every issue';
}

/**
 * Adds a rule, or edits one (`initial`): the form is uncontrolled, so the caller remounts it (a new
 * `key`) to load another rule. One custom field (or component) condition per rule in this form.
 */
export function OwnershipRuleForm(props: {
  projectKey: string;
  initial?: OwnershipRule;
  onSubmit(rule: OwnershipRule): Promise<boolean>;
  onCancel?: () => void;
}) {
  const { initial } = props;
  const types = useIssueTypes(props.projectKey);
  const fields = useOptional<CustomField[]>(
    ['fields', props.projectKey],
    `/projects/${props.projectKey}/fields`,
    true,
  );
  const [fieldKey, fieldValues] = Object.entries(initial?.when.fields ?? {})[0] ?? ['', []];
  // Uncontrolled selects take their default once: wait for the options they choose from.
  if (fields.isLoading) return <Spinner />;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const when: OwnershipRule['when'] = {};
    const chosenTypes = f.getAll('types').map(String);
    if (chosenTypes.length) when.types = chosenTypes;
    for (const [k] of LIST_CONDITIONS) {
      const v = list(f.get(k));
      if (v.length) when[k] = v;
    }
    const field = String(f.get('field') ?? '');
    const values = list(f.get('fieldValues'));
    if (field && values.length) when.fields = { [field]: values };
    const team = String(f.get('teamId') ?? '');
    const user = String(f.get('userId') ?? '');
    const ok = await props.onSubmit({
      name: String(f.get('name')),
      when,
      teamId: team ? Number(team) : null,
      userId: user ? Number(user) : null,
    });
    if (ok && !initial) form.reset();
  };
  const title = initial ? `Edit rule ${initial.name}` : 'New ownership rule';
  return (
    <form className="stack-form" aria-label={title} onSubmit={(e) => void submit(e)}>
      <h3>{initial ? `Edit “${initial.name}”` : 'Add a rule'}</h3>
      <label className="field">
        <span>Name</span>
        <input className="input" name="name" required maxLength={120} defaultValue={initial?.name} />
      </label>
      <fieldset className="field">
        <legend>Issue types (none = any)</legend>
        {types.map((t) => (
          <label key={t.key} className="check">
            <input
              type="checkbox"
              className="checkbox"
              name="types"
              value={t.key}
              defaultChecked={initial?.when.types?.includes(t.key)}
            />{' '}
            {t.name}
          </label>
        ))}
      </fieldset>
      {LIST_CONDITIONS.map(([k, label]) => (
        <label key={k} className="field">
          <span>{label}, comma-separated</span>
          <input className="input" name={k} defaultValue={initial?.when[k]?.join(', ')} />
        </label>
      ))}
      <div style={{ display: 'flex', gap: 8 }}>
        <label className="field" style={{ flex: 1 }}>
          <span>Custom field or component</span>
          <select className="input" name="field" defaultValue={fieldKey}>
            <option value="">none</option>
            {(fields.data ?? []).map((cf) => (
              <option key={cf.key} value={cf.key}>
                {cf.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field" style={{ flex: 2 }}>
          <span>Its values, comma-separated</span>
          <input className="input" name="fieldValues" defaultValue={fieldValues.join(', ')} />
        </label>
      </div>
      <label className="field">
        <span>Team</span>
        <select className="input" name="teamId" defaultValue={initial?.teamId ?? ''}>
          <option value="">none</option>
          <TeamOptions />
        </select>
      </label>
      <label className="field">
        <span>Person</span>
        <select className="input" name="userId" defaultValue={initial?.userId ?? ''}>
          <option value="">none</option>
          <MemberOptions />
        </select>
      </label>
      <RuleFormButtons editing={!!initial} onCancel={props.onCancel} />
    </form>
  );
}
