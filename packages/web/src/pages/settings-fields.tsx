import type { CustomField, CustomFieldType } from '@closeloop/shared/api/workflows';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useOptional } from '../api/hooks.ts';
import { ProjectPicker } from '../components/project-picker.tsx';
import { useToast } from '../components/toasts.tsx';
import { Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { humanize } from '../lib/format.ts';
import { useIssueTypes } from '../lib/project-meta.ts';

// The values of CUSTOM_FIELD_TYPES in @closeloop/shared/api/workflows, restated so this chunk does
// not pull zod in with that module (types only cross over); `satisfies` keeps the two in step.
const CUSTOM_FIELD_TYPES = [
  'text',
  'number',
  'date',
  'single_select',
  'multi_select',
  'user',
  'team',
  'url',
  'checkbox',
] as const satisfies readonly CustomFieldType[];

const SELECTS: CustomFieldType[] = ['single_select', 'multi_select'];

/** Custom fields of a project (admins): every type, options for selects, which types require it. */
export function CustomFieldsEditor() {
  const current = useCurrentProject();
  const { key } = current;
  const fields = useOptional<CustomField[]>(['fields', key], `/projects/${key}/fields`, !!key);
  const types = useIssueTypes(key ?? undefined);
  const qc = useQueryClient();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<CustomField | null>(null);
  const [draft, setDraft] = useState({
    key: '',
    name: '',
    type: 'text' as CustomFieldType,
    options: '',
    types: [] as string[],
    requiredFor: [] as string[],
  });
  const reset = () => {
    setEditing(null);
    setDraft({ key: '', name: '', type: 'text', options: '', types: [], requiredFor: [] });
  };
  const options = draft.options
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean);
  const save = async () => {
    setError(null);
    const common = {
      name: draft.name,
      options: SELECTS.includes(draft.type) ? options : [],
      types: draft.types.length ? draft.types : null,
      requiredFor: draft.requiredFor,
    };
    try {
      if (editing) await api(`/projects/${key}/fields/${editing.key}`, { method: 'PATCH', body: common });
      else
        await api(`/projects/${key}/fields`, {
          method: 'POST',
          body: { ...common, key: draft.key, type: draft.type, description: '' },
        });
      toast(`Field ${draft.name} saved`, 'success');
      reset();
      await qc.invalidateQueries({ queryKey: ['fields', key] });
    } catch (e) {
      setError(errorText(e));
    }
  };
  const toggleIn = (list: string[], k: string) =>
    list.includes(k) ? list.filter((x) => x !== k) : [...list, k];
  return (
    <section aria-labelledby="fields-title">
      <div className="section-title">
        <h2 id="fields-title">Custom fields</h2>
        <ProjectPicker current={current} />
      </div>
      <form
        className="stack-form"
        aria-label={editing ? `Edit field ${editing.name}` : 'New custom field'}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="inline-form">
          <label className="field">
            <span>Field key</span>
            <input
              className="input"
              value={draft.key}
              disabled={!!editing}
              required
              placeholder="root_cause"
              onChange={(e) => setDraft({ ...draft, key: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Field name</span>
            <input
              className="input"
              value={draft.name}
              required
              placeholder="Root cause"
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Field type</span>
            <select
              className="select-inline"
              value={draft.type}
              disabled={!!editing}
              onChange={(e) => setDraft({ ...draft, type: e.target.value as CustomFieldType })}
            >
              {CUSTOM_FIELD_TYPES.map((t) => (
                <option key={t} value={t}>
                  {humanize(t)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {SELECTS.includes(draft.type) && (
          <label className="field">
            <span>Options (one a line)</span>
            <textarea
              className="input"
              rows={4}
              value={draft.options}
              onChange={(e) => setDraft({ ...draft, options: e.target.value })}
            />
          </label>
        )}
        {types.length > 0 && (
          <table className="table" aria-label="Field per issue type">
            <thead>
              <tr>
                <th>Issue type</th>
                <th>Shown</th>
                <th>Required</th>
              </tr>
            </thead>
            <tbody>
              {types.map((t) => (
                <tr key={t.key}>
                  <td>{t.name}</td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Show for ${t.name}`}
                      checked={draft.types.length === 0 || draft.types.includes(t.key)}
                      onChange={() =>
                        setDraft({
                          ...draft,
                          types: toggleIn(draft.types.length ? draft.types : types.map((x) => x.key), t.key),
                        })
                      }
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Required for ${t.name}`}
                      checked={draft.requiredFor.includes(t.key)}
                      onChange={() => setDraft({ ...draft, requiredFor: toggleIn(draft.requiredFor, t.key) })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="row-actions">
          <button className="btn btn-primary" type="submit">
            {editing ? 'Save field' : 'Create field'}
          </button>
          {editing && (
            <button className="btn" type="button" onClick={reset}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {fields.isLoading && <Spinner />}
      <table className="table" aria-label="Custom fields">
        <tbody>
          {(fields.data ?? []).map((f) => (
            <tr key={f.key}>
              <td>
                <strong>{f.name}</strong> <span className="mono muted">{f.key}</span>
              </td>
              <td>{humanize(f.type)}</td>
              <td className="muted">{f.options.join(', ')}</td>
              <td className="muted">
                {f.requiredFor.length ? `Required for ${f.requiredFor.join(', ')}` : 'Optional'}
              </td>
              <td>
                <button
                  type="button"
                  className="btn btn-sm"
                  onClick={() => {
                    setEditing(f);
                    setDraft({
                      key: f.key,
                      name: f.name,
                      type: f.type,
                      options: f.options.join('\n'),
                      types: f.types ?? [],
                      requiredFor: f.requiredFor,
                    });
                  }}
                >
                  Edit
                </button>{' '}
                <button
                  type="button"
                  className="btn btn-ghost btn-sm"
                  aria-label={`Delete field ${f.name}`}
                  onClick={async () => {
                    if (!confirm(`Delete the field ${f.name} and its values?`)) return;
                    try {
                      await api(`/projects/${key}/fields/${f.key}`, { method: 'DELETE' });
                      await qc.invalidateQueries({ queryKey: ['fields', key] });
                    } catch (e) {
                      setError(errorText(e));
                    }
                  }}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
