import type { Issue } from '@closeloop/shared/api/issues';
import type { CustomField } from '@closeloop/shared/api/workflows';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorText } from '../api/client.ts';
import { useOptional } from '../api/hooks.ts';
import { useDirectory } from '../lib/directory.ts';
import { conflictCurrent, patchIssue, putIssue } from '../lib/mutations.ts';

type Value = string | number | boolean | string[] | null;

/**
 * Every custom field of the issue's project that applies to its type, editable in place. Each
 * change is one PATCH with the version seen; the server's validation message shows under the field.
 */
export function CustomFieldsPanel({ issue }: { issue: Issue }) {
  const fields = useOptional<CustomField[]>(
    ['fields', issue.projectKey],
    `/projects/${issue.projectKey}/fields`,
  );
  const qc = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const shown = (fields.data ?? []).filter((f) => !f.types || f.types.includes(issue.type));
  if (!shown.length) return null;

  const commit = async (f: CustomField, value: Value) => {
    const before = issue.customFields?.[f.key] ?? null;
    if (JSON.stringify(before) === JSON.stringify(value)) return;
    setErrors(({ [f.key]: _, ...rest }) => rest);
    try {
      await patchIssue(qc, issue, { customFields: { [f.key]: value } });
    } catch (e) {
      const current = conflictCurrent(e);
      if (current) putIssue(qc, current);
      setErrors((m) => ({
        ...m,
        [f.key]: current
          ? 'Someone else changed this issue meanwhile; the latest values are shown. Try again.'
          : errorText(e),
      }));
    }
  };

  return (
    <>
      <div className="side-section">Custom fields</div>
      {shown.map((f) => {
        const id = `cf-${f.key}`;
        const required = f.requiredFor.includes(issue.type);
        return (
          <div className="prop cf-prop" key={f.key}>
            <label htmlFor={id}>
              {f.name}
              {required && (
                <>
                  <span aria-hidden="true"> *</span>
                  <span className="sr-only"> (required)</span>
                </>
              )}
            </label>
            <div>
              <FieldInput
                id={id}
                field={f}
                value={(issue.customFields?.[f.key] as Value | undefined) ?? null}
                invalid={!!errors[f.key]}
                onCommit={(v) => void commit(f, v)}
              />
              {errors[f.key] && (
                <div className="field-error" role="alert" id={`${id}-error`}>
                  {errors[f.key]}
                </div>
              )}
            </div>
          </div>
        );
      })}
    </>
  );
}

function FieldInput(props: {
  id: string;
  field: CustomField;
  value: Value;
  invalid: boolean;
  onCommit: (v: Value) => void;
}) {
  const { id, field, value, onCommit } = props;
  const dir = useDirectory();
  const [text, setText] = useState(value === null ? '' : String(value));
  useEffect(() => setText(value === null || Array.isArray(value) ? '' : String(value)), [value]);
  const aria = {
    id,
    'aria-invalid': props.invalid || undefined,
    'aria-describedby': props.invalid ? `${id}-error` : undefined,
  };

  switch (field.type) {
    case 'checkbox':
      return (
        <input
          type="checkbox"
          {...aria}
          checked={value === true}
          onChange={(e) => onCommit(e.target.checked)}
        />
      );
    case 'single_select':
      return (
        <select
          className="select-inline"
          {...aria}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onCommit(e.target.value || null)}
        >
          <option value="">—</option>
          {field.options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      );
    case 'multi_select': {
      const list = Array.isArray(value) ? value : [];
      return (
        <fieldset className="cf-multi" {...aria}>
          <legend className="sr-only">{field.name}</legend>
          {field.options.map((o) => (
            <label key={o} className="check">
              <input
                type="checkbox"
                checked={list.includes(o)}
                onChange={(e) => onCommit(e.target.checked ? [...list, o] : list.filter((x) => x !== o))}
              />{' '}
              {o}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'user':
      return (
        <select
          className="select-inline"
          {...aria}
          value={typeof value === 'number' ? String(value) : ''}
          onChange={(e) => onCommit(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">—</option>
          {dir.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      );
    case 'team':
      return (
        <select
          className="select-inline"
          {...aria}
          value={typeof value === 'number' ? String(value) : ''}
          onChange={(e) => onCommit(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">—</option>
          {dir.teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      );
    case 'date':
      return (
        <input
          type="date"
          className="input"
          {...aria}
          value={text}
          onChange={(e) => onCommit(e.target.value || null)}
        />
      );
    default: {
      // text, url, number: commit on blur or Enter, so typing is not a PATCH per key.
      const parse = (s: string): Value => {
        if (!s.trim()) return null;
        if (field.type === 'number') return Number.isNaN(Number(s)) ? s : Number(s);
        return s;
      };
      return (
        <input
          type={field.type === 'number' ? 'number' : field.type === 'url' ? 'url' : 'text'}
          className="input"
          {...aria}
          value={text}
          step="any"
          onChange={(e) => setText(e.target.value)}
          onBlur={() => onCommit(parse(text))}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onCommit(parse(text));
          }}
        />
      );
    }
  }
}
