import type { CustomField } from '@closeloop/shared/api/workflows';
import type { Priority } from '@closeloop/shared/issue-fields';
import { PRIORITIES } from '@closeloop/shared/issue-fields';
import { PRIORITY_LABEL } from '../components/ui.tsx';

/**
 * A target for one issue type and/or one custom field value, as typed in the editor ('' type or
 * field: any; '' minutes: no promise).
 */
export type TypedTarget = {
  type: string;
  field: string;
  value: string;
  priority: Priority;
  first: string;
  resolution: string;
};

const ORDER = [...PRIORITIES].reverse();

/** The SLA editor's targets for single issue types or field values: they win over the priority's general target. */
export function TypedTargets({
  rows,
  enabled,
  types,
  fields,
  onChange,
}: {
  rows: TypedTarget[];
  enabled: boolean;
  types: { key: string; name: string }[];
  fields: CustomField[];
  onChange: (rows: TypedTarget[]) => void;
}) {
  return (
    <>
      {rows.length > 0 && (
        <table className="table" aria-label="SLA targets per issue type or field">
          <thead>
            <tr>
              <th>Type</th>
              <th>Field</th>
              <th>Value</th>
              <th>Priority</th>
              <th>First response</th>
              <th>Resolution</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((t, n) => {
              const edit = (patch: Partial<TypedTarget>) =>
                onChange(rows.map((x, m) => (m === n ? { ...x, ...patch } : x)));
              const row = `type target ${n + 1}`;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity before they are saved
                <tr key={n}>
                  <td>
                    <select
                      className="select"
                      aria-label={`Issue type of ${row}`}
                      value={t.type}
                      disabled={!enabled}
                      onChange={(e) => edit({ type: e.target.value })}
                    >
                      <option value="">Any type</option>
                      {types.map((ty) => (
                        <option key={ty.key} value={ty.key}>
                          {ty.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      className="select"
                      aria-label={`Field of ${row}`}
                      value={t.field}
                      disabled={!enabled}
                      onChange={(e) => edit({ field: e.target.value })}
                    >
                      <option value="">Any field</option>
                      {fields.map((f) => (
                        <option key={f.key} value={f.key}>
                          {f.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <FieldValue
                      field={fields.find((f) => f.key === t.field)}
                      label={`Field value of ${row}`}
                      value={t.value}
                      disabled={!enabled || t.field === ''}
                      onChange={(value) => edit({ value })}
                    />
                  </td>
                  <td>
                    <select
                      className="select"
                      aria-label={`Priority of ${row}`}
                      value={t.priority}
                      disabled={!enabled}
                      onChange={(e) => edit({ priority: e.target.value as Priority })}
                    >
                      {ORDER.map((p) => (
                        <option key={p} value={p}>
                          {PRIORITY_LABEL[p]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      className="input"
                      type="number"
                      min="0"
                      step="any"
                      aria-label={`First response minutes of ${row}`}
                      value={t.first}
                      disabled={!enabled}
                      onChange={(e) => edit({ first: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      className="input"
                      type="number"
                      min="0"
                      step="any"
                      aria-label={`Resolution minutes of ${row}`}
                      value={t.resolution}
                      disabled={!enabled}
                      onChange={(e) => edit({ resolution: e.target.value })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-ghost btn-sm"
                      disabled={!enabled}
                      onClick={() => onChange(rows.filter((_, m) => m !== n))}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div>
        <button
          type="button"
          className="btn btn-sm"
          disabled={!enabled || (types.length === 0 && fields.length === 0)}
          onClick={() =>
            onChange([
              ...rows,
              {
                type: types[0]?.key ?? '',
                field: '',
                value: '',
                priority: 'high',
                first: '',
                resolution: '',
              },
            ])
          }
        >
          Add a target for one issue type or field value
        </button>
      </div>
    </>
  );
}

/** A select field's choices, else free text (the value is compared as text). */
function FieldValue(p: {
  field: CustomField | undefined;
  label: string;
  value: string;
  disabled: boolean;
  onChange: (v: string) => void;
}) {
  const options = p.field?.options ?? [];
  if (options.length > 0)
    return (
      <select
        className="select"
        aria-label={p.label}
        value={p.value}
        disabled={p.disabled}
        onChange={(e) => p.onChange(e.target.value)}
      >
        <option value="">—</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  return (
    <input
      className="input"
      aria-label={p.label}
      value={p.value}
      disabled={p.disabled}
      onChange={(e) => p.onChange(e.target.value)}
    />
  );
}
