import type { IssueType } from '@closeloop/shared/api/workflows';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useCurrentProject } from '../lib/current-project.ts';
import { useIssueTypes } from '../lib/project-meta.ts';
import { useEditorWrite } from './settings-form.ts';
import { confirmDelete, SettingsList } from './settings-list.tsx';
import { TypeReportRules } from './settings-report-rules.tsx';

const ICONS = ['circle', 'bug', 'check-square', 'alert-triangle', 'star', 'zap', 'flag', 'book', 'shield'];

/** Issue types of a project (admins): create, rename, recolour, change icon, delete. */
export function IssueTypesEditor() {
  const current = useCurrentProject();
  const { key } = current;
  const types = useIssueTypes(key ?? undefined);
  const qc = useQueryClient();
  const write = useEditorWrite(() => qc.invalidateQueries({ queryKey: ['types', key] }));
  const typePath = (t: IssueType) => `/projects/${key}/types/${t.key}`;
  return (
    <SettingsList
      id="types-title"
      title="Issue types"
      project={current}
      write={write}
      add={{
        fields: (
          <>
            <label className="field">
              <span>Key</span>
              <input className="input" name="key" required placeholder="incident" />
            </label>
            <label className="field">
              <span>Name</span>
              <input className="input" name="name" required placeholder="Incident" />
            </label>
            <label className="field">
              <span>Icon</span>
              <select className="select-inline" name="icon" defaultValue="circle">
                {ICONS.map((i) => (
                  <option key={i}>{i}</option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Colour</span>
              <input type="color" name="color" defaultValue="#6b7280" />
            </label>
          </>
        ),
        submit: 'Create type',
        done: 'Issue type created',
        create: (f) =>
          api(`/projects/${key}/types`, {
            method: 'POST',
            body: { key: f.get('key'), name: f.get('name'), icon: f.get('icon'), color: f.get('color') },
          }),
      }}
      items={types}
      itemKey={(t) => t.key}
      row={(t) => (
        <TypeRow
          type={t}
          onSave={(body) =>
            void write.run(() => api(typePath(t), { method: 'PATCH', body }), `${t.name} saved`)
          }
          onDelete={() =>
            confirmDelete(write, 'issue type', t.name, () => api(typePath(t), { method: 'DELETE' }))
          }
        />
      )}
    >
      <h3>Report rules</h3>
      {types.map((t) => (
        <TypeReportRules
          key={`${t.key}:${t.reportTemplate}:${t.reportRequired.join()}`}
          type={t}
          onSave={(body) =>
            void write.run(
              () => api(typePath(t), { method: 'PATCH', body }),
              `Report rules of ${t.name} saved`,
            )
          }
        />
      ))}
    </SettingsList>
  );
}

function TypeRow(props: {
  type: IssueType;
  onSave: (b: { name: string; icon: string; color: string }) => void;
  onDelete: () => void;
}) {
  const t = props.type;
  const [name, setName] = useState(t.name);
  const [icon, setIcon] = useState(t.icon);
  const [color, setColor] = useState(t.color);
  const dirty = name !== t.name || icon !== t.icon || color !== t.color;
  return (
    <tr>
      <td>
        <span className="type-swatch" style={{ background: color }} aria-hidden="true" />
        <span className="mono muted"> {t.key}</span>
      </td>
      <td>
        <input
          className="input"
          aria-label={`Name of type ${t.key}`}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </td>
      <td>
        <select
          className="select-inline"
          aria-label={`Icon of type ${t.key}`}
          value={icon}
          onChange={(e) => setIcon(e.target.value)}
        >
          {[...new Set([icon, ...ICONS])].map((i) => (
            <option key={i}>{i}</option>
          ))}
        </select>
      </td>
      <td>
        <input
          type="color"
          aria-label={`Colour of type ${t.key}`}
          value={color}
          onChange={(e) => setColor(e.target.value)}
        />
      </td>
      <td className="muted">{t.ownWorkflow ? 'own workflow' : 'default workflow'}</td>
      <td>
        <button
          type="button"
          className="btn btn-sm"
          disabled={!dirty}
          onClick={() => props.onSave({ name, icon, color })}
        >
          Save
        </button>{' '}
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-label={`Delete type ${t.name}`}
          onClick={props.onDelete}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}
